import { builder } from '../builder.js';
import { mutationErrors } from '../shared/errors.js';
import { ImportRejectedError } from '../shared/import-errors.js';
import { type CsvImportReport, csvKind, csvKinds, importCsv, KEY_COLUMN, MAX_ROWS } from './csv.js';

/** `importCsv`: an editor uploads a spreadsheet of records of one kind. */

const upperSnake = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

const CsvImportKind = builder.enumType('CsvImportKind', {
  description: 'The kinds of record a spreadsheet can be imported as.',
  values: Object.fromEntries(
    csvKinds().map((kind) => [
      upperSnake(kind.name),
      {
        value: kind.name,
        description: `One row is ${kind.rowIs}. Columns: ${[KEY_COLUMN, ...kind.columns.map((c) => c.header)].join(', ')}.`,
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
      description: 'Columns of the file the kind does not read, such as `id` in an exported file.',
    }),
  }),
});

const ImportCsvInput = builder.inputType('ImportCsvInput', {
  description: 'A spreadsheet saved as CSV (UTF-8, a header row, comma-separated).',
  fields: (t) => ({
    kind: t.field({ type: CsvImportKind, required: true, description: 'What the rows are.' }),
    csv: t.string({
      required: true,
      description: `The file's text: a header row naming the columns, then at most ${MAX_ROWS} rows. \`${KEY_COLUMN}\` is your own key of each record; importing a key again updates the record it made.`,
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
    resolve: (_root, { input }, ctx) => importCsv(ctx, csvKind(input.kind)!, input.csv),
  }),
);
