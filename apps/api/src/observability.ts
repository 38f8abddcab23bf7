import type { ApolloServerPlugin } from '@apollo/server';
import type { QueryEvent } from '@mch/db';
import type { Context } from '@mch/domain';
import type { DestinationStream, Logger } from 'pino';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { errorCode } from './graphql/errors.js';
import { createLogger, type LogFormat } from './logging.js';

/** Structured logs and Prometheus metrics of one server process. */
export interface Observability {
  logger: Logger;
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  graphqlErrors: Counter<'code'>;
  sqlStatements: Counter<'outcome'>;
  /** Give to `createDb` so that every SQL statement is counted. */
  onQuery: (event: QueryEvent) => void;
  /** Give to `createDb` so that every byte PostgreSQL sends is counted. */
  onBytesReceived: (bytes: number) => void;
}

export function createObservability(options: {
  logLevel: string;
  logFormat?: LogFormat;
  logDestination?: DestinationStream;
  instance?: string;
}): Observability {
  const logger = createLogger({
    level: options.logLevel,
    format: options.logFormat ?? 'json',
    ...(options.instance ? { instance: options.instance } : {}),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const registry = new Registry();
  if (options.instance) registry.setDefaultLabels({ instance: options.instance });
  collectDefaultMetrics({ register: registry, prefix: 'mch_' });
  const httpRequests = new Counter({
    name: 'mch_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'mch_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'mch_graphql_errors_total',
    help: 'GraphQL errors answered, by code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const sqlStatements = new Counter({
    name: 'mch_sql_statements_total',
    help: 'SQL statements sent to the database, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const databaseBytes = new Counter({
    name: 'mch_database_received_bytes_total',
    help: 'Bytes received from PostgreSQL: rows, and the protocol around them.',
    registers: [registry],
  });
  return {
    logger,
    registry,
    httpRequests,
    httpDuration,
    graphqlErrors,
    sqlStatements,
    onQuery: (event) => sqlStatements.inc({ outcome: event.failed ? 'error' : 'ok' }),
    onBytesReceived: (bytes) => databaseBytes.inc(bytes),
  };
}

/** Counts the errors of every GraphQL answer by code, typed mutation errors aside. */
export function errorMetricsPlugin(observability: Observability): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(context) {
          for (const error of context.errors) {
            observability.graphqlErrors.inc({ code: errorCode(error) });
          }
        },
      };
    },
  };
}
