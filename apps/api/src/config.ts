import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { iatiOrganisationIdentifier, iatiOrganisationTypeCodes } from '@mch/db';

/** The public OData API of the WHO Global Health Observatory. */
const GHO_PUBLIC_URL = 'https://ghoapi.azureedge.net';

/** The server's settings, read once from the environment at start-up. */
export interface Config {
  /** `production` turns off development conveniences such as stack traces in errors. */
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** A `postgres://` URL; without one the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Statements go to PostgreSQL as named prepared statements, planned once per connection. */
  preparedStatements: boolean;
  /** The most connections to PostgreSQL the API keeps open (and as many to a read replica). */
  databasePoolSize: number;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  /** Load the seed facts at start-up (once per database; later starts find them loaded). */
  seed: boolean;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Serve the GraphiQL playground at GET /graphql. */
  playground: boolean;
  /** Answer introspection queries (the playground's docs and completion need them). */
  introspection: boolean;
  /** The built dashboard served at `/` (its `index.html` and `assets/`); none when unset. */
  dashboardDir: string | undefined;
  /** Origins browsers may call the API from (CORS); `*` for any. */
  corsOrigins: string[];
  /** Limits checked before a request is executed. */
  limits: {
    documentChars: number;
    depth: number;
    aliases: number;
    directives: number;
    cost: number;
    batch: number;
  };
  /** Cost units a token (or, without one, an address) may spend per window; 0 turns it off. */
  rateLimit: { points: number; windowSeconds: number };
  /** On SIGTERM: how long to keep serving while load balancers see `/ready` fail, then how long in-flight requests may take. */
  shutdown: { graceMs: number; deadlineMs: number };
  logLevel: string;
  /** Who publishes the IATI export: `reporting-org` of every activity. */
  iati: {
    reportingOrg: { ref: string; name: string; type: string };
    /** No `IATI_REPORTING_ORG_REF` was set: the ref is a placeholder, refused in production. */
    placeholder: boolean;
  };
  /** JSON lines, or readable lines for a person at a terminal. */
  logFormat: 'json' | 'pretty';
  /** Where the WHO Global Health Observatory's OData API answers, for indicator imports. */
  ghoBaseUrl: string;
  /** Changes older than this many days are compacted out of the change feed; 0 keeps them all. */
  changeLogRetentionDays: number;
  /** Refuse query text from all but admin tokens: run only trusted documents. */
  trustedDocumentsOnly: boolean;
  /** Files of trusted documents besides the typed client's (`{ "sha256:<hex>": "<text>" }`). */
  trustedDocumentFiles: string[];
  /** Running beside other API replicas: what they share, and where reads go. */
  scale: {
    /** This process's name in logs, `/ready` and `/metrics` (several replicas, one name each). */
    instance: string;
    /** A `redis://` URL: rate-limit budgets shared by every replica. Per process without one. */
    redisUrl: string | undefined;
    /** A `postgres://` URL of a streaming replica: reads go there when it is close enough. */
    replicaUrl: string | undefined;
    /** A replica further behind than this serves no reads; they go to the primary. */
    replicaMaxLagMs: number;
    /** How long a read may wait for the replica to replay its client's last write. */
    readYourWritesWaitMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, such as ${fallback}; got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, such as ${fallback}; got "${raw}".`);
  }
  return raw;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

/** The publisher's ref when none is configured: good for trying the export, never for publishing. */
export const IATI_PLACEHOLDER_REF = 'XM-MCH-GRAPH';

function iati(env: Env): Config['iati'] {
  const ref = env.IATI_REPORTING_ORG_REF || undefined;
  if (ref !== undefined && !iatiOrganisationIdentifier.pattern.test(ref)) {
    throw new ConfigError(
      `IATI_REPORTING_ORG_REF must be ${iatiOrganisationIdentifier.hint}; got "${ref}".`,
    );
  }
  const type = env.IATI_REPORTING_ORG_TYPE || '90';
  if (!(iatiOrganisationTypeCodes as readonly string[]).includes(type)) {
    throw new ConfigError(
      `IATI_REPORTING_ORG_TYPE must be an IATI OrganisationType code (${iatiOrganisationTypeCodes.join(', ')}), such as 10 for a government; got "${type}".`,
    );
  }
  const name = (env.IATI_REPORTING_ORG_NAME ?? '').trim() || 'MCH Cooperation Graph';
  if (name.length > 300 || /[\r\n\t]/.test(name)) {
    throw new ConfigError(
      "IATI_REPORTING_ORG_NAME must be one line of at most 300 characters: the publisher's name.",
    );
  }
  return {
    reportingOrg: { ref: ref ?? IATI_PLACEHOLDER_REF, name, type },
    placeholder: ref === undefined,
  };
}

function logFormat(env: Env, pretty: boolean): 'json' | 'pretty' {
  const raw = env.LOG_FORMAT?.toLowerCase();
  if (raw === undefined || raw === '') return pretty ? 'pretty' : 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new ConfigError(`LOG_FORMAT must be json or pretty; got "${env.LOG_FORMAT}".`);
}

export function loadConfig(
  env: Env = process.env,
  /** Whether a person reads the output: readable log lines by default in development. */
  interactive = process.stdout.isTTY === true,
): Config {
  const environment =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL must be a postgres:// URL; leave it unset to use the embedded database.',
    );
  }
  const replicaUrl = env.DATABASE_REPLICA_URL || undefined;
  if (replicaUrl && !databaseUrl) {
    throw new ConfigError(
      'DATABASE_REPLICA_URL needs DATABASE_URL: a replica serves reads for a PostgreSQL primary.',
    );
  }
  if (replicaUrl && !/^postgres(ql)?:\/\//.test(replicaUrl)) {
    throw new ConfigError('DATABASE_REPLICA_URL must be a postgres:// URL.');
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must be a redis:// (or rediss://) URL.');
  }
  return {
    environment,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    preparedStatements: boolean(env, 'DATABASE_PREPARED_STATEMENTS', true),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    dataDir: resolve(env.DATA_DIR || '.data/pglite'),
    seed: boolean(env, 'SEED', true),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
    playground: boolean(env, 'PLAYGROUND', environment !== 'production'),
    introspection: boolean(env, 'INTROSPECTION', environment !== 'production'),
    dashboardDir: env.DASHBOARD_DIR ? resolve(env.DASHBOARD_DIR) : undefined,
    corsOrigins: (env.CORS_ORIGINS ?? (environment === 'production' ? '' : '*'))
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    limits: {
      documentChars: integer(env, 'MAX_DOCUMENT_CHARS', 20_000, 100, 1_000_000),
      depth: integer(env, 'MAX_DEPTH', 12, 2, 100),
      aliases: integer(env, 'MAX_ALIASES', 30, 0, 10_000),
      directives: integer(env, 'MAX_DIRECTIVES', 20, 0, 10_000),
      cost: integer(env, 'MAX_COST', 200_000, 10, 100_000_000),
      batch: integer(env, 'MAX_BATCH', 10, 1, 100),
    },
    rateLimit: {
      points: integer(env, 'RATE_LIMIT_POINTS', 1_000_000, 0, 1_000_000_000),
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    },
    shutdown: {
      graceMs: integer(env, 'SHUTDOWN_GRACE_MS', 1_000, 0, 600_000),
      deadlineMs: integer(env, 'SHUTDOWN_DEADLINE_MS', 10_000, 100, 600_000),
    },
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    logFormat: logFormat(env, environment === 'development' && interactive),
    iati: iati(env),
    ghoBaseUrl: httpUrl(env, 'GHO_BASE_URL', GHO_PUBLIC_URL),
    changeLogRetentionDays: integer(env, 'CHANGE_LOG_RETENTION_DAYS', 30, 0, 36_500),
    trustedDocumentsOnly: boolean(env, 'TRUSTED_DOCUMENTS_ONLY', false),
    trustedDocumentFiles: (env.TRUSTED_DOCUMENT_FILES ?? '')
      .split(',')
      .map((file) => file.trim())
      .filter(Boolean)
      .map((file) => resolve(file)),
    scale: {
      instance: env.INSTANCE_NAME || hostname(),
      redisUrl,
      replicaUrl,
      replicaMaxLagMs: integer(env, 'REPLICA_MAX_LAG_MS', 5_000, 0, 3_600_000),
      readYourWritesWaitMs: integer(env, 'READ_YOUR_WRITES_WAIT_MS', 500, 0, 60_000),
    },
  };
}

/**
 * The publisher of the IATI export. In production a file is published, so the placeholder is
 * refused: the export answers this message until IATI_REPORTING_ORG_REF is set.
 */
export function iatiPublisher(config: Config): Config['iati']['reportingOrg'] {
  if (config.environment === 'production' && config.iati.placeholder) {
    throw new ConfigError(
      `The IATI export is refused: IATI_REPORTING_ORG_REF is not set, and ${IATI_PLACEHOLDER_REF} is a placeholder no publisher owns. Set IATI_REPORTING_ORG_REF to the publisher's IATI organisation identifier (such as XM-DAC-41114), with IATI_REPORTING_ORG_NAME and IATI_REPORTING_ORG_TYPE.`,
    );
  }
  return config.iati.reportingOrg;
}
