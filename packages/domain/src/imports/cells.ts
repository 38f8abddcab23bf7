import type { FieldError } from '../shared/errors.js';
import { encodeGlobalId } from '../shared/global-id.js';
import type { CsvRow } from './csv.js';
import type { ImportLookups } from './lookups.js';

/**
 * Reading the cells of a spreadsheet row as the values a write's input takes: numbers from
 * text, enum values from the names people type ("In person", "IN_PERSON", "in-person"), and
 * related records from their names, each mistake said for its column.
 */

export class RowReader {
  readonly errors: FieldError[] = [];
  readonly input: Record<string, unknown> = {};

  constructor(readonly row: CsvRow) {}

  /** The error path of a column of this row. */
  at(column: string): string[] {
    return [`row:${this.row.row}`, column];
  }

  fail(column: string, message: string): void {
    this.errors.push({ path: this.at(column), message });
  }

  cell(column: string): string | undefined {
    return this.row.cells[column];
  }

  /** Text cells as they are; blank cells become null, so a blank cell clears a value. */
  text(...columns: string[]): this {
    for (const column of columns) this.input[column] = this.cell(column) ?? null;
    return this;
  }

  /** Whole numbers; blank is null. */
  integer(...columns: string[]): this {
    for (const column of columns) {
      const cell = this.cell(column);
      if (cell === undefined) {
        this.input[column] = null;
      } else if (/^-?\d+$/.test(cell.replace(/[\s,_]/g, ''))) {
        this.input[column] = Number(cell.replace(/[\s,_]/g, ''));
      } else {
        this.fail(column, `must be a whole number (got "${cell}").`);
      }
    }
    return this;
  }

  /** One of an enum's values, typed as its name in any case, with spaces or hyphens. */
  choice(column: string, values: readonly string[], fallback: string | null = null): this {
    const cell = this.cell(column);
    if (cell === undefined) {
      this.input[column] = fallback;
      return this;
    }
    const value = cell.toLowerCase().replace(/[\s-]+/g, '_');
    if (values.includes(value)) {
      this.input[column] = value;
    } else {
      this.fail(
        column,
        `must be one of ${values.map((v) => v.toUpperCase()).join(', ')} (got "${cell}").`,
      );
    }
    return this;
  }

  /** A list in one cell, separated by semicolons. */
  list(column: string): string[] {
    return (this.cell(column) ?? '')
      .split(';')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /**
   * A related record named by its name or title, as the write's global ID; a name that names
   * no record, or several, is an error.
   */
  async named(
    lookups: ImportLookups,
    column: string,
    target: { typename: string; table: 'organisation' | 'programme'; nameColumn: 'name' | 'title' },
  ): Promise<void> {
    const cell = this.cell(column);
    if (cell === undefined) {
      this.input[column] = null;
      return;
    }
    const rows = (await lookups.named(target.table, target.nameColumn, cell)).map((id) => ({ id }));
    const noun = target.typename.toLowerCase();
    if (rows.length === 0) {
      this.fail(
        column,
        `names no ${noun} of the graph: "${cell}". Give its ${target.nameColumn} as the graph has it.`,
      );
    } else if (rows.length > 1) {
      this.fail(
        column,
        `"${cell}" is the ${target.nameColumn} of several records; record this row through the API with the ${noun}'s ID.`,
      );
    } else {
      this.input[column] = encodeGlobalId(target.typename, rows[0]!.id);
    }
  }
}

/** True when two column values say the same (dates, numbers and decimals as text). */
export function sameColumnValue(stored: unknown, given: unknown): boolean {
  const norm = (value: unknown) =>
    value === null || value === undefined
      ? null
      : value instanceof Date
        ? value.toISOString().slice(0, 10)
        : typeof value === 'number'
          ? String(value)
          : typeof value === 'string' && /^-?\d+\.\d+$/.test(value)
            ? String(Number(value))
            : String(value);
  return norm(stored) === norm(given);
}

/** The values that differ from the stored record's: what an update has to write. */
export function changedValues(
  stored: Record<string, unknown>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([column, value]) => !sameColumnValue(stored[column], value)),
  );
}
