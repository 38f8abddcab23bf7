import { readFileSync } from 'node:fs';
import {
  createContext,
  csvKind,
  csvKinds,
  describeProblem,
  ImportRejectedError,
  importCsv,
  KEY_COLUMN,
} from '@mch/domain';
import { type Command, CommandFailed, UsageError } from './command.js';
import { withDatabase } from './database.js';

const importCommand: Command = {
  name: 'import',
  summary: 'Import training events or donations from a spreadsheet saved as CSV.',
  usage: [
    `csv import KIND FILE.csv        KIND: ${csvKinds()
      .map((kind) => kind.name)
      .join(' or ')}`,
  ],
  run: async (_values, positionals) => {
    const [name, file, ...rest] = positionals;
    if (!name || !file || rest.length > 0) {
      throw new UsageError('Give the kind of record and one CSV file.');
    }
    const kind = csvKind(name);
    if (!kind) {
      throw new UsageError(
        `There is no kind "${name}"; the kinds are ${csvKinds()
          .map((k) => k.name)
          .join(', ')}.`,
      );
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    await withDatabase('mch csv import', async (database) => {
      const ctx = createContext({
        db: database.db,
        viewer: { role: 'editor', tokenName: 'mch csv import (command line)' },
      });
      try {
        const report = await importCsv(ctx, kind, text);
        console.log(
          `${file}: ${report.rowCount} rows; ${report.created} stored, ${report.updated} updated, ${report.unchanged} unchanged.`,
        );
        if (report.ignoredColumns.length > 0) {
          console.log(`  columns not read: ${report.ignoredColumns.join(', ')}`);
        }
      } catch (error) {
        if (error instanceof ImportRejectedError) {
          throw new CommandFailed(
            [
              `${file}: ${error.message}`,
              ...error.problems.map((p) => `  ${describeProblem(p)}`),
              ...(error.problemCount > error.problems.length
                ? [`  and ${error.problemCount - error.problems.length} more`]
                : []),
            ].join('\n'),
          );
        }
        throw error;
      }
    });
  },
};

const columnsCommand: Command = {
  name: 'columns',
  summary: 'List the columns a kind of spreadsheet has.',
  usage: ['csv columns KIND'],
  run: async (_values, [name]) => {
    const kind = name ? csvKind(name) : undefined;
    if (!kind) {
      throw new UsageError(
        `Name a kind: ${csvKinds()
          .map((k) => k.name)
          .join(', ')}.`,
      );
    }
    console.log(`One row is ${kind.rowIs}.`);
    console.log(`  ${KEY_COLUMN.padEnd(22)} (required) Your own key of the record.`);
    for (const column of kind.columns) {
      console.log(
        `  ${column.header.padEnd(22)} ${column.required ? '(required) ' : ''}${column.description}`,
      );
    }
  },
};

export const csvCommand: Command = {
  name: 'csv',
  summary: 'Import spreadsheets saved as CSV.',
  subcommands: [importCommand, columnsCommand],
};
