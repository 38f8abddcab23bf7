import { MIMEType } from 'node:util';
import {
  decodeCsv,
  ErrorCode,
  ImportRejectedError,
  knownEncoding,
  schema,
  separatorNamed,
} from '@mch/domain';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { isEnumType } from 'graphql';
import type { Config } from '../config.js';
import type { GraphQLService } from '../graphql/apollo.js';
import { statusOf } from './csv-export.js';
import { errorBody, tooLarge } from './graphql-body.js';

async function* bytesOf(body: Buffer) {
  yield body;
}

/** The text of the body, decoded as its `charset` says, else as UTF-8 or by its byte order mark. */
async function textOf(body: Buffer, charset: string | undefined): Promise<string> {
  let text = '';
  for await (const piece of decodeCsv(bytesOf(body), charset)) text += piece;
  return text;
}

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
 * `POST /import/<kind>.csv[?delimiter=semicolon]`: a spreadsheet saved as CSV, uploaded as the
 * body (`Content-Type: text/csv`, with `charset=` when it is not UTF-8) by an editor, imported
 * as the `importCsv` mutation would: every row in one transaction, or nothing and 422 with
 * every bad row listed. The body is bounded by MAX_BODY_BYTES.
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
            'Send the spreadsheet as CSV, with `Content-Type: text/csv` (and `; charset=` naming its encoding when it is not UTF-8).',
          ),
        );
      return;
    }
    const charset = charsetOf(req.headers['content-type']);
    if (charset !== undefined && !knownEncoding(charset)) {
      res
        .status(415)
        .json(
          errorBody(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            `charset=${charset} is not an encoding this server reads; name one such as utf-8, windows-1252, iso-8859-1 or utf-16.`,
          ),
        );
      return;
    }
    const delimiter = req.query.delimiter;
    if (delimiter !== undefined && (typeof delimiter !== 'string' || !separatorNamed(delimiter))) {
      res
        .status(400)
        .json(
          errorBody(
            ErrorCode.BAD_REQUEST,
            '`delimiter` must be comma, semicolon or tab (or the character itself); left out, it is recognised from the header row.',
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
    next(error);
  };
  const run: RequestHandler = async (req, res) => {
    const kind = /^(.+)\.csv$/.exec(String(req.params.file))![1]!;
    let csv: string;
    try {
      csv = await textOf(
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        charsetOf(req.headers['content-type']),
      );
    } catch (error) {
      if (!(error instanceof ImportRejectedError)) throw error;
      res.status(422).json({
        code: error.code,
        message: error.message,
        problemCount: error.problemCount,
        problems: error.problems,
      });
      return;
    }
    const delimiter = typeof req.query.delimiter === 'string' ? req.query.delimiter : undefined;
    const { result, headers } = await graphql.execute(
      IMPORT,
      { input: { kind: kinds.get(kind), csv, ...(delimiter ? { delimiter } : {}) } },
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
  // The raw bytes: decoding is ours, so that a file that is not what it claims is refused
  // with its line rather than stored garbled.
  return [onlyCsv, express.raw({ type: 'text/csv', limit: config.maxBodyBytes }), bodyErrors, run];
}

/** The `charset` a Content-Type names, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  try {
    return contentType ? (new MIMEType(contentType).params.get('charset') ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}
