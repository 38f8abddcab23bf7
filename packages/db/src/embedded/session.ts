import type { PGlite } from '@electric-sql/pglite';

/** Who is using the session: this process's own queries, or a connection through the socket. */
export type SessionUser = 'local' | { connection: number };

/**
 * PGlite is one PostgreSQL session. Everything that talks to it (the API's own queries through
 * Kysely, and every connection served on the socket) takes turns here, first come first served:
 * a turn lasts from a statement (or `BEGIN`) to the moment the session is idle again, so no one's
 * statement can land inside someone else's transaction or half-sent extended-protocol exchange.
 *
 * A connection from outside may change the session's settings (`SET TIME ZONE ...`). Before the
 * session passes to anyone else they are reset to the owner's, so the API's answers never depend
 * on what a `psql` user typed.
 */
export class EmbeddedSession {
  readonly pglite: PGlite;
  #tail: Promise<void> = Promise.resolve();
  #lastUser: SessionUser = 'local';
  #waiting = 0;

  constructor(pglite: PGlite) {
    this.pglite = pglite;
  }

  /** How many turns are waiting for the session. */
  get waiting(): number {
    return this.#waiting;
  }

  /** Waits for the session, and gives it back when the returned function is called. */
  async acquire(user: SessionUser): Promise<() => void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#waiting += 1;
    try {
      await previous;
    } finally {
      this.#waiting -= 1;
    }
    const last = this.#lastUser;
    if (last !== 'local' && (user === 'local' || user.connection !== last.connection)) {
      try {
        await this.pglite.exec('RESET ALL');
      } catch (error) {
        release();
        throw error;
      }
    }
    this.#lastUser = user;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }
}
