import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type DbHandle } from '../create-db.js';
import { DataDirInUseError, findOwner, type OwnerInfo } from './owner.js';
import { WIRE_SOCKET } from './serve.js';

/** How a tool reached the embedded database. */
export type Route =
  /** No process owned it: the tool opened it itself, and owns it until it closes it. */
  | { kind: 'direct' }
  /** Another process (the API) owns it and serves it: the tool is a client of that process. */
  | { kind: 'owner'; holder: OwnerInfo & { socketDir: string } };

/** How long a tool waits for an owner that is still starting to serve the database. */
const STARTING_WAIT_MS = 60_000;

/** The `postgres://` URL of the database served in `socketDir` (`pg` reads a path as a socket folder). */
export function socketUrl(socketDir: string): string {
  return `postgres://postgres@${encodeURIComponent(socketDir)}/postgres`;
}

/**
 * Opens the embedded database in `dataDir` for a tool: itself when no process owns it, and
 * through its owner's socket when the API does, so both see the same data at once. Refused
 * (`DataDirInUseError`) when the owner serves no one, such as another tool.
 */
export async function reachEmbedded(
  dataDir: string,
  command: string,
  onWait: (holder: OwnerInfo | undefined) => void = () => {},
): Promise<{ handle: DbHandle; route: Route }> {
  const deadline = Date.now() + STARTING_WAIT_MS;
  let told = false;
  for (;;) {
    const owner = findOwner(dataDir);
    if (!owner) {
      try {
        return { handle: await createDb({ dataDir, owner: command }), route: { kind: 'direct' } };
      } catch (error) {
        // Taken between the look and the claim: look again.
        if (!(error instanceof DataDirInUseError)) throw error;
        continue;
      }
    }
    const { holder } = owner;
    if (holder?.socketDir && existsSync(join(holder.socketDir, WIRE_SOCKET))) {
      const handle = await createDb({
        databaseUrl: socketUrl(holder.socketDir),
        maxConnections: 1,
        // Statements named by one client would collide with another's in the shared session.
        preparedStatements: false,
      });
      return {
        handle,
        route: { kind: 'owner', holder: { ...holder, socketDir: holder.socketDir } },
      };
    }
    // The API serves once it has opened and brought the database up to date; a tool that
    // holds it serves no one.
    const starting = holder === undefined || holder.serves;
    if (!starting || Date.now() > deadline) throw new DataDirInUseError(dataDir, holder);
    if (!told) onWait(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
