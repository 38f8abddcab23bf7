import { ErrorCode, schema } from '@mch/domain';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { isEnumType } from 'graphql';
import type { Config } from '../config.js';
import type { GraphQLService } from '../graphql/apollo.js';
import { statusOf } from './csv-export.js';
import { errorBody, tooLarge } from './graphql-body.js';

const IMPORT = `mutation ImportCsv($input: ImportCsvInput!) {
  importCsv(input: $input) {
    __typename
    ... on CsvImport { kind rowCount created updated unchanged ignoredColumns }
    ... on ImportRejectedError { code message problemCount problems { row line column message } }
    ... on Error { code message }
  }
}`;

/** The kinds a spreadsheet can be imported as: `trainingEvents` → `TRAINING_EVENTS`. */
function importKinds(): Map<string, string> {
  const type = schema.getType('CsvImportKind');
  if (!isEnumType(type)) return new Map();
  return new Map(type.getValues().map((value) => [String(value.value), value.name]));
}

/**
 * `POST /import/<kind>.csv`: a spreadsheet saved as CSV, uploaded as the body (`Content-Type:
 * text/csv`) by an editor, imported as the `importCsv` mutation would: every row in one
 * transaction, or nothing and 422 with every bad row listed.
 */
export function csvImport(
  config: Config,
  graphql: GraphQLService,
): Array<RequestHandler | ErrorRequestHandler> {
  const kinds = importKinds();
  const onlyCsv: RequestHandler = (req, res, next) => {
    const kind = /^(.+)\.csv$/.exec(String(req.params.file))?.[1];
    if (!kind || !kinds.has(kind)) {
      res
        .status(404)
        .json(
          errorBody(
            ErrorCode.NOT_FOUND,
            `There is nothing to import at ${req.path}. Spreadsheets are imported at ${[...kinds.keys()].map((k) => `/import/${k}.csv`).join(', ')}.`,
          ),
        );
      return;
    }
    if (!req.is('text/csv')) {
      res
        .status(415)
        .json(
          errorBody(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            'Send the spreadsheet as CSV in UTF-8, with `Content-Type: text/csv`.',
          ),
        );
      return;
    }
    next();
  };
  const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      tooLarge(res, config, 'The file');
      return;
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res
        .status(415)
        .json(errorBody(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the spreadsheet in UTF-8.'));
      return;
    }
    next(error);
  };
  const run: RequestHandler = async (req, res) => {
    const kind = /^(.+)\.csv$/.exec(String(req.params.file))![1]!;
    const csv = typeof req.body === 'string' ? req.body : '';
    const { result, headers } = await graphql.execute(
      IMPORT,
      { input: { kind: kinds.get(kind), csv } },
      req,
      res,
    );
    for (const [header, value] of headers) res.setHeader(header, value);
    const error = result.errors?.[0];
    if (error) {
      res.status(statusOf(error.extensions?.code)).json({ errors: result.errors });
      return;
    }
    const answer = (result.data as { importCsv: { __typename: string } }).importCsv;
    const { __typename, ...body } = answer;
    res
      .status(__typename === 'CsvImport' ? 200 : __typename === 'ImportRejectedError' ? 422 : 400)
      .json(body);
  };
  return [onlyCsv, express.text({ type: 'text/csv', limit: config.maxBodyBytes }), bodyErrors, run];
}
