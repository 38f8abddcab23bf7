import { createServer, type Server, type Socket } from 'node:net';
import type { EmbeddedSession } from './session.js';

/**
 * Serves the embedded database over PostgreSQL's wire protocol (version 3) on a Unix socket, so
 * that `pnpm mch`, `psql` and any PostgreSQL client reach the database the running API owns.
 *
 * Written here rather than taken from `@electric-sql/pglite-socket`, whose server keeps a queue
 * of its own: a statement from a socket could run inside a transaction the API had open, or
 * between the Parse and the Sync of one of the API's statements, because the API's in-process
 * queries do not pass through that queue. Here every turn on the session, from a socket or from
 * the API, is taken from one `EmbeddedSession`. (That package also pins PGlite and seven
 * extension packages to exact versions as peers.)
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Startup packets are small; a larger one is not a PostgreSQL client. */
const MAX_STARTUP_BYTES = 10_000;

export interface WireServerOptions {
  /**
   * A connection that holds the session inside a transaction (or in the middle of an
   * extended-protocol exchange) and sends nothing for this long is rolled back and closed, as
   * PostgreSQL's `idle_in_transaction_session_timeout` does: the API waits while it holds it.
   */
  idleInTransactionMs: number;
  maxConnections: number;
}

export interface WireServer {
  close(): Promise<void>;
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** An ErrorResponse, as the server sends it before closing a connection. */
function fatal(code: string, text: string): Buffer {
  const field = (tag: string, value: string) => Buffer.from(`${tag}${value}\0`, 'utf8');
  return message(
    'E',
    Buffer.concat([
      field('S', 'FATAL'),
      field('V', 'FATAL'),
      field('C', code),
      field('M', text),
      Buffer.from([0]),
    ]),
  );
}

/**
 * The startup packet as passed to PGlite: protocol 3 with only a user and a database. What a
 * client asks for at startup (`options=-c ...`, a time zone, an application name) would become
 * the settings of the one session the API shares, so it is not passed on.
 */
function startupPacket(): Buffer {
  const body = Buffer.from('user\0postgres\0database\0postgres\0\0', 'utf8');
  const packet = Buffer.alloc(8 + body.length);
  packet.writeInt32BE(packet.length, 0);
  packet.writeInt32BE(PROTOCOL_3, 4);
  body.copy(packet, 8);
  return packet;
}

const SYNC = message('S', Buffer.alloc(0));

/** Follows the server's messages through the chunks they arrive in, to see where a turn ends. */
class ReplyTracker {
  #header = Buffer.alloc(5);
  #headerBytes = 0;
  #skip = 0;
  #type = 0;
  /** The status byte of the last ReadyForQuery, once the reply ended with one. */
  ready: string | undefined;

  reset() {
    this.ready = undefined;
  }

  feed(chunk: Uint8Array) {
    let at = 0;
    while (at < chunk.length) {
      if (this.#skip > 0) {
        const take = Math.min(this.#skip, chunk.length - at);
        if (this.#type === 0x5a /* Z */ && this.#skip === 1) {
          this.ready = String.fromCharCode(chunk[at]!);
        }
        this.#skip -= take;
        at += take;
        continue;
      }
      this.#header[this.#headerBytes] = chunk[at]!;
      this.#headerBytes += 1;
      at += 1;
      if (this.#headerBytes === 5) {
        this.#type = this.#header[0]!;
        this.#skip = this.#header.readInt32BE(1) - 4;
        this.#headerBytes = 0;
        this.ready = undefined;
      }
    }
  }
}

let connections = 0;

class Connection {
  readonly id = ++connections;
  #buffer: Buffer = Buffer.alloc(0);
  #started = false;
  #work: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #reply = new ReplyTracker();

  constructor(
    readonly socket: Socket,
    readonly session: EmbeddedSession,
    readonly options: WireServerOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#closed = true;
      this.#work = this.#work.then(() => this.#endTurn());
    });
  }

  /** Closes the connection, and resolves once whatever it had open is rolled back. */
  async close(): Promise<void> {
    if (!this.#closed) {
      const closed = new Promise((resolve) => this.socket.once('close', resolve));
      this.socket.destroy();
      await closed;
    }
    await this.#work;
  }

  #receive(chunk: Buffer) {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const frame = this.#started ? this.#typedFrame() : this.#startupFrame();
      if (frame === undefined) return;
      if (frame === null) continue;
      this.#work = this.#work.then(() => this.#run(frame));
    }
  }

  /** A startup-phase packet: answered here or turned into the packet PGlite gets. */
  #startupFrame(): Buffer | null | undefined {
    if (this.#buffer.length < 8) return undefined;
    const length = this.#buffer.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_BYTES) {
      this.socket.destroy();
      return undefined;
    }
    if (this.#buffer.length < length) return undefined;
    const code = this.#buffer.readInt32BE(4);
    this.#buffer = this.#buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      // A local socket needs no encryption: say no, and the client goes on in the clear.
      this.socket.write('N');
      return null;
    }
    if (code === CANCEL_REQUEST) {
      // PGlite has no second process to interrupt the first: the request is dropped.
      this.socket.destroy();
      return undefined;
    }
    if (code !== PROTOCOL_3) {
      this.socket.end(
        fatal('0A000', 'unsupported frontend protocol: this server speaks protocol 3.0'),
      );
      return undefined;
    }
    this.#started = true;
    return startupPacket();
  }

  #typedFrame(): Buffer | null | undefined {
    if (this.#buffer.length < 5) return undefined;
    const length = this.#buffer.readInt32BE(1);
    if (length < 4) {
      this.socket.destroy();
      return undefined;
    }
    if (this.#buffer.length < length + 1) return undefined;
    const frame = this.#buffer.subarray(0, length + 1);
    this.#buffer = this.#buffer.subarray(length + 1);
    if (frame[0] === 0x58 /* X, Terminate */) {
      // Passed on, Terminate would end the one session the API shares: the client goes instead.
      this.socket.end();
      return undefined;
    }
    return Buffer.from(frame);
  }

  async #run(frame: Buffer) {
    if (this.#closed) return;
    clearTimeout(this.#idle);
    if (!this.#release) this.#release = await this.session.acquire({ connection: this.id });
    if (this.#closed) return this.#endTurn();
    this.#reply.reset();
    const { pglite } = this.session;
    try {
      await pglite.execProtocolRawStream(frame, {
        onRawData: (data) => {
          this.#reply.feed(data);
          if (!this.socket.destroyed) this.socket.write(Buffer.from(data));
        },
      });
    } catch (error) {
      this.socket.end(fatal('XX000', `the embedded database failed: ${(error as Error).message}`));
      return this.#endTurn();
    }
    if (this.#reply.ready === 'I') {
      // The session is idle: the turn is over.
      this.#giveBack();
    } else {
      this.#idle = setTimeout(() => {
        this.socket.end(
          fatal(
            '25P03',
            `terminating connection: it held the embedded database in a transaction for ${this.options.idleInTransactionMs} ms without sending anything, while others waited`,
          ),
        );
        this.socket.destroy();
      }, this.options.idleInTransactionMs);
      this.#idle.unref();
    }
  }

  #giveBack() {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  /** The connection ended while it held the session: close what it left open, then give it back. */
  async #endTurn() {
    clearTimeout(this.#idle);
    if (!this.#release) return;
    const { pglite } = this.session;
    try {
      if (this.#reply.ready === undefined) await pglite.execProtocolRaw(SYNC);
      if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
    } finally {
      this.#giveBack();
    }
  }
}

/** Listens on `path` (a Unix socket) and serves the session to every connection. */
export async function serveWire(
  session: EmbeddedSession,
  path: string,
  options: WireServerOptions,
): Promise<WireServer> {
  const open = new Set<Connection>();
  const server: Server = createServer((socket) => {
    if (open.size >= options.maxConnections) {
      socket.end(fatal('53300', 'sorry, too many clients already'));
      return;
    }
    const connection = new Connection(socket, session, options);
    open.add(connection);
    socket.on('close', () => open.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...open].map((connection) => connection.close()));
      await closed;
    },
  };
}
