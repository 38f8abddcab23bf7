import { once } from 'node:events';
import { csvHeaders, csvKinds, ErrorCode, MAX_PAGE_SIZE, schema } from '@mch/domain';
import { stringify } from 'csv-stringify';
import type { RequestHandler } from 'express';
import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { GraphQLService } from '../graphql/apollo.js';
import { errorBody } from './graphql-body.js';

/** Records a page of an export holds: the most a list gives at once. */
const PAGE_SIZE = MAX_PAGE_SIZE;

/** A column: its header, what to select of a record, and how to read its value back. */
interface Column {
  header: string;
  selection: string;
  read: (node: Record<string, unknown>) => unknown;
}

interface Export {
  document: string;
  headers: string[];
  /** The rows of one record, each its cells in the order of the headers. */
  rows: (node: Record<string, unknown>) => unknown[][];
}

/** The field that names a related record for a person: its code, else its name or title. */
function naturalKey(type: GraphQLObjectType): string | undefined {
  const fields = type.getFields();
  return ['code', 'name', 'title'].find((name) => {
    const field = fields[name];
    return field !== undefined && isLeafType(getNamedType(field.type));
  });
}

/** The columns of a record type: its own values, and the natural key of each related record. */
function columnsOf(type: GraphQLObjectType): Column[] {
  const columns: Column[] = [];
  // The record's ID first, then its fields in the schema's order.
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
  fields.sort((a, b) => Number(b.name === 'id') - Number(a.name === 'id'));
  for (const field of fields) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const nullable = getNullableType(field.type);
    if (isListType(nullable)) continue;
    if (isLeafType(nullable)) {
      columns.push({ header: field.name, selection: field.name, read: (node) => node[field.name] });
    } else if (isObjectType(nullable)) {
      const key = naturalKey(nullable);
      if (!key) continue;
      columns.push({
        header: field.name,
        selection: `${field.name} { ${key} }`,
        read: (node) => (node[field.name] as Record<string, unknown> | null)?.[key] ?? null,
      });
    }
  }
  return columns;
}

/** The query of a page of a root list, with the selection of each record. */
function pageDocument(list: string, filterType: string | undefined, selection: string): string {
  return `query Export($after: String${filterType ? `, $filter: ${filterType}` : ''}) {
        list: ${list}(first: ${PAGE_SIZE}, after: $after${filterType ? ', filter: $filter' : ''}) {
          pageInfo { hasNextPage endCursor }
          nodes { ${selection} }
        }
      }`;
}

/**
 * What each root list can be exported as: every field of the query type that returns a
 * connection and needs no argument but its page and `filter`. A list that can be imported is
 * exported in the columns its import reads (topics, items), so that the file imports again.
 */
function exportsOfSchema(): Map<string, Export> {
  const exports = new Map<string, Export>();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const type = getNullableType(field.type);
    if (!isObjectType(type) || !type.getFields().pageInfo || !type.getFields().nodes) continue;
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.name !== 'filter')) continue;
    const node = getNamedType(type.getFields().nodes!.type) as GraphQLObjectType;
    const filter = field.args.find((arg) => arg.name === 'filter');
    const filterType = filter ? String(filter.type) : undefined;
    const kind = csvKinds().find((k) => k.export.list === field.name);
    if (kind) {
      const headers = csvHeaders(kind);
      exports.set(field.name, {
        headers,
        document: pageDocument(field.name, filterType, kind.export.selection),
        rows: (record) =>
          kind.export.rows(record).map((row) => headers.map((header) => row[header] ?? null)),
      });
      continue;
    }
    const columns = columnsOf(node);
    exports.set(field.name, {
      headers: columns.map((column) => column.header),
      document: pageDocument(
        field.name,
        filterType,
        columns.map((column) => column.selection).join(' '),
      ),
      rows: (record) => [columns.map((column) => column.read(record) ?? null)],
    });
  }
  return exports;
}

/** The HTTP status of an error that stops an export before its first row (or an import). */
export const statusOf = (code: unknown): number =>
  code === 'UNAUTHENTICATED'
    ? 401
    : code === 'FORBIDDEN'
      ? 403
      : code === 'RATE_LIMITED'
        ? 429
        : code === 'DATABASE_UNAVAILABLE'
          ? 503
          : code === 'INTERNAL_SERVER_ERROR'
            ? 500
            : 400;

/**
 * `GET /export/<list>.csv[?filter=<JSON>]`: a root list of the graph as CSV (RFC 4180, UTF-8),
 * one row per record, with a header row. It pages through the list as a client would, each
 * page a GraphQL request with the caller's token, limits and rate limit, and streams the rows
 * as they come, so that no export is held in memory whole.
 */
export function csvExport(graphql: GraphQLService): RequestHandler {
  const exports = exportsOfSchema();
  return async (req, res) => {
    const name = /^([A-Za-z]+)\.csv$/.exec(String(req.params.file))?.[1];
    const plan = name ? exports.get(name) : undefined;
    if (!name || !plan) {
      res
        .status(404)
        .json(
          errorBody(
            ErrorCode.NOT_FOUND,
            `There is no list to export at ${req.path}. The lists are: ${[...exports.keys()].map((list) => `${list}.csv`).join(', ')}.`,
          ),
        );
      return;
    }
    let filter: unknown;
    if (typeof req.query.filter === 'string') {
      try {
        filter = JSON.parse(req.query.filter);
      } catch {
        res
          .status(400)
          .json(
            errorBody(
              ErrorCode.BAD_REQUEST,
              '`filter` must be JSON, the same filter the GraphQL field takes, such as {"countries":["UZ"]}.',
            ),
          );
        return;
      }
    }
    // A byte order mark first: spreadsheet programs (Excel above all) then read the file as
    // UTF-8 rather than their local code page; CSV readers skip it.
    const csv = stringify({
      bom: true,
      header: true,
      columns: plan.headers,
    });
    let after: string | null = null;
    for (let page = 0; ; page++) {
      const { result, headers } = await graphql.execute(
        plan.document,
        { after, ...(filter === undefined ? {} : { filter }) },
        req,
        res,
      );
      const error = result.errors?.[0];
      if (error) {
        if (page > 0) {
          // The rows already sent cannot be taken back: the answer is cut short.
          res.destroy(new Error(`The export stopped at page ${page + 1}: ${error.message}`));
          return;
        }
        for (const [header, value] of headers) res.setHeader(header, value);
        res.status(statusOf(error.extensions?.code)).json({ errors: result.errors });
        return;
      }
      if (page === 0) {
        for (const [header, value] of headers) res.setHeader(header, value);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
        csv.pipe(res);
      }
      const list = (
        result.data as {
          list: {
            nodes: Record<string, unknown>[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        }
      ).list;
      for (const node of list.nodes) {
        let rows: unknown[][];
        try {
          rows = plan.rows(node);
        } catch (problem) {
          res.destroy(problem as Error);
          return;
        }
        for (const row of rows) {
          if (!csv.write(row)) await once(csv, 'drain');
        }
      }
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
    csv.end();
  };
}
