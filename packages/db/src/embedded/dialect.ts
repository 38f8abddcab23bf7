import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PGliteDialect,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import type { EmbeddedSession } from './session.js';

/**
 * PGlite is a single connection. Kysely's PGlite driver hands that connection to every caller
 * at once, so a query from one request could run inside another request's open transaction
 * and be rolled back with it. This dialect takes turns on the session (`EmbeddedSession`), with
 * the connections served on the socket: a transaction owns the connection from BEGIN to COMMIT,
 * and other requests wait their turn.
 */
export class SerializedPGliteDialect implements Dialect {
  readonly #inner: PGliteDialect;
  readonly #session: EmbeddedSession;

  constructor(session: EmbeddedSession) {
    this.#inner = new PGliteDialect({ pglite: session.pglite });
    this.#session = session;
  }

  createDriver(): Driver {
    return new SerializedDriver(this.#inner.createDriver(), this.#session);
  }

  createQueryCompiler(): QueryCompiler {
    return this.#inner.createQueryCompiler();
  }

  createAdapter() {
    return this.#inner.createAdapter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  createIntrospector(db: Kysely<any>) {
    return this.#inner.createIntrospector(db);
  }
}

type Compile = QueryCompiler['compileQuery'];

class SerializedDriver implements Driver {
  readonly #inner: Driver;
  readonly #session: EmbeddedSession;
  #release: (() => void) | undefined;

  constructor(inner: Driver, session: EmbeddedSession) {
    this.#inner = inner;
    this.#session = session;
  }

  init() {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#session.acquire('local');
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: Compile) {
    return this.#inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Compile) {
    return this.#inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Compile) {
    return this.#inner.releaseSavepoint!(connection, name, compile);
  }

  destroy() {
    return this.#inner.destroy();
  }
}
