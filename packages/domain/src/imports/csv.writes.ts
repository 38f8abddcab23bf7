import { builder } from '../builder.js';
import { mutationErrors } from '../shared/errors.js';
import { ImportRejectedError } from '../shared/import-errors.js';
import {
  type CsvImportReport,
  csvHeaders,
  csvKind,
  csvKinds,
  ID_COLUMN,
  importCsv,
  KEY_COLUMN,
  MAX_ROWS,
} from './csv.js';
import { separatorNamed } from './read.js';

/** `importCsv`: an editor uploads a spreadsheet of records of one kind. */

const upperSnake = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

const CsvImportKind = builder.enumType('CsvImportKind', {
  description: 'The kinds of record a spreadsheet can be imported as.',
  values: Object.fromEntries(
    csvKinds().map((kind) => [
      upperSnake(kind.name),
      {
        value: kind.name,
        description: `One row is ${kind.rowIs}. Columns: ${csvHeaders(kind)
          .slice(0, 2 + kind.columns.length)
          .join(', ')}.`,
      },
    ]),
  ),
});

const CsvImport = builder.objectRef<CsvImportReport>('CsvImport').implement({
  description: 'What an import of a spreadsheet stored.',
  fields: (t) => ({
    kind: t.field({
      type: CsvImportKind,
      description: 'What the rows were.',
      resolve: (r) => r.kind,
    }),
    rowCount: t.exposeInt('rowCount', { description: 'The data rows of the file.' }),
    created: t.exposeInt('created', { description: 'Records stored for the first time.' }),
    updated: t.exposeInt('updated', {
      description: 'Records an earlier import made whose rows changed; each left an audit entry.',
    }),
    unchanged: t.exposeInt('unchanged', {
      description: 'Records an earlier import made, already as the rows say.',
    }),
    ignoredColumns: t.exposeStringList('ignoredColumns', {
      description:
        'Columns an export writes that the import does not read, such as `version`; any other unknown column is refused.',
    }),
  }),
});

const ImportCsvInput = builder.inputType('ImportCsvInput', {
  description: 'A spreadsheet saved as CSV: a header row, then the rows.',
  fields: (t) => ({
    kind: t.field({ type: CsvImportKind, required: true, description: 'What the rows are.' }),
    csv: t.string({
      required: true,
      description: `The file's text: a header row naming the columns, then at most ${MAX_ROWS} rows. A row updates the record its \`${KEY_COLUMN}\` (your own key) names, else the record its \`${ID_COLUMN}\` (as exported) names; a row with neither is a new record.`,
    }),
    delimiter: t.string({
      description:
        'The cell separator: `,`, `;` or a tab (or `comma`, `semicolon`, `tab`). Left out, it is recognised from the header row.',
    }),
  }),
});

builder.mutationField('importCsv', (t) =>
  t.field({
    type: CsvImport,
    description:
      'Imports training events or donations from a spreadsheet: every row, or nothing with every bad row listed with its line, column and what to fix. Importing the same file again changes nothing.',
    authScopes: { editor: true },
    errors: { types: [...mutationErrors, ImportRejectedError] },
    args: {
      input: t.arg({ type: ImportCsvInput, required: true, description: 'The file and its kind.' }),
    },
    resolve: (_root, { input }, ctx) => {
      const separator = input.delimiter == null ? undefined : separatorNamed(input.delimiter);
      if (input.delimiter != null && separator === undefined) {
        throw new ImportRejectedError(
          [
            {
              row: null,
              line: null,
              column: null,
              message: `"${input.delimiter}" is not a delimiter this import reads; name comma, semicolon or tab.`,
            },
          ],
          'The CSV import',
        );
      }
      return importCsv(ctx, csvKind(input.kind)!, input.csv, { separator });
    },
  }),
);
