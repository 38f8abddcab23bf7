import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

export interface Drainer {
  /** True from the moment a stop was asked for. */
  readonly draining: boolean;
  /**
   * Stops the server without dropping a request it was sent: for `graceMs` it keeps serving
   * (every answer closing its connection, `/ready` failing so load balancers move away), then
   * it stops listening, finishes what is in flight, and closes connections as they fall idle.
   * After `deadlineMs` whatever is left is cut.
   */
  drain(options: { graceMs: number; deadlineMs: number }): Promise<void>;
}

/**
 * Graceful shutdown for a Node HTTP server. Node's own `close()` (and the usual helpers built
 * on it) ends at once every connection that has no request yet, including connections whose
 * request is already on the wire but not yet read, and the client sees a reset. Here such
 * connections get time to deliver their request, which is then answered.
 */
export function trackConnections(server: Server): Drainer {
  /** Requests in progress on each open connection. */
  const open = new Map<Socket, number>();
  /** When each connection was opened or last finished an answer. */
  const lastActive = new Map<Socket, number>();
  const unanswered = new Set<ServerResponse>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    open.set(socket, 0);
    lastActive.set(socket, Date.now());
    socket.once('close', () => {
      open.delete(socket);
      lastActive.delete(socket);
    });
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    open.set(socket, (open.get(socket) ?? 0) + 1);
    unanswered.add(res);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      unanswered.delete(res);
      const pending = (open.get(socket) ?? 1) - 1;
      open.set(socket, pending);
      lastActive.set(socket, Date.now());
      if (draining && pending === 0) socket.end();
    });
  });

  // A connection without a request is ended once it has been quiet for a while: one just
  // opened may have its request on the wire, not yet read by a busy event loop.
  const QUIET_MS = 500;
  const endIdle = () => {
    const now = Date.now();
    for (const [socket, pending] of open) {
      if (pending === 0 && now - (lastActive.get(socket) ?? 0) >= QUIET_MS) socket.end();
    }
  };

  return {
    get draining() {
      return draining;
    },
    async drain({ graceMs, deadlineMs }) {
      if (draining) return;
      draining = true;
      // Answers not yet started close their connection when done.
      for (const res of unanswered) if (!res.headersSent) res.shouldKeepAlive = false;
      const deadline = setTimeout(() => {
        for (const socket of open.keys()) socket.destroy();
      }, deadlineMs);
      deadline.unref();
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      // Stop listening without Node's http close, which would end unread connections at once.
      const closed = new Promise<void>((resolve) => {
        NetServer.prototype.close.call(server, () => resolve());
      });
      // Quiet connections are ended; a request arriving before that is answered (and its
      // connection then closed).
      endIdle();
      const sweep = setInterval(endIdle, 100);
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
    },
  };
}
