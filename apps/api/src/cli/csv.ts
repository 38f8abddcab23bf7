import { createReadStream, statSync } from 'node:fs';
import {
  createContext,
  csvHeaders,
  csvKind,
  csvKinds,
  describeProblem,
  ImportRejectedError,
  importCsv,
  KEY_COLUMN,
  knownEncoding,
  MAX_ROWS,
  separatorNamed,
} from '@mch/domain';
import { type Command, CommandFailed, UsageError } from './command.js';
import { withDatabase } from './database.js';

const importCommand: Command = {
  name: 'import',
  summary: `Import training events or donations from a spreadsheet saved as CSV (at most ${MAX_ROWS} rows).`,
  usage: [
    `csv import KIND FILE.csv [--encoding windows-1252] [--delimiter semicolon]    KIND: ${csvKinds()
      .map((kind) => kind.name)
      .join(' or ')}`,
  ],
  options: {
    encoding: {
      type: 'string',
      description:
        'The encoding of a file that is not UTF-8, such as windows-1252 (UTF-16 with a byte order mark is recognised).',
    },
    delimiter: {
      type: 'string',
      description: 'comma, semicolon or tab; recognised from the header row when left out.',
    },
  },
  run: async (values, positionals) => {
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
    const encoding = typeof values.encoding === 'string' ? values.encoding : undefined;
    if (encoding !== undefined && !knownEncoding(encoding)) {
      throw new UsageError(
        `--encoding ${encoding} is not an encoding this tool reads; name one such as windows-1252, iso-8859-1 or utf-16.`,
      );
    }
    const delimiter = typeof values.delimiter === 'string' ? values.delimiter : undefined;
    const separator = delimiter === undefined ? undefined : separatorNamed(delimiter);
    if (delimiter !== undefined && separator === undefined) {
      throw new UsageError(`--delimiter ${delimiter}: name comma, semicolon or tab.`);
    }
    try {
      if (!statSync(file).isFile()) throw new Error('it is not a file');
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    await withDatabase('mch csv import', async (database) => {
      const ctx = createContext({
        db: database.db,
        viewer: { role: 'editor', tokenName: 'mch csv import (command line)' },
      });
      try {
        // Streamed: a file past the row limit is refused as soon as the limit is passed.
        const report = await importCsv(ctx, kind, createReadStream(file), { encoding, separator });
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
              // One problem is said in full by the message already.
              ...(error.problemCount > 1
                ? error.problems.map((p) => `  ${describeProblem(p)}`)
                : []),
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
    console.log(
      `  ${'id'.padEnd(22)} The record's ID, as exported; a row with an id updates that record.`,
    );
    console.log(
      `  ${KEY_COLUMN.padEnd(22)} Your own key of the record; a row with a key updates the record it made.`,
    );
    for (const column of kind.columns) {
      console.log(
        `  ${column.header.padEnd(22)} ${column.required ? '(required) ' : ''}${column.description}`,
      );
    }
    const ignored = csvHeaders(kind).slice(2 + kind.columns.length);
    console.log(`Exported, not read: ${ignored.join(', ')}.`);
  },
};

export const csvCommand: Command = {
  name: 'csv',
  summary: 'Import spreadsheets saved as CSV.',
  subcommands: [importCommand, columnsCommand],
};
