/// <reference path="./fs-native-extensions.d.ts" />
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tryLock } from 'fs-native-extensions';

/**
 * The file in DATA_DIR whose lock makes a process the embedded database's one owner. The lock is
 * the operating system's (an open-file-description lock, `fcntl(F_OFD_SETLK)` on Linux, `flock`
 * on macOS): the kernel drops it when the process ends however it ends, `kill -9` included, so a
 * lock left by a dead process is never mistaken for a live one and needs no clean-up. The file
 * is never deleted: deleting it would let a process that opened the old file and one that made a
 * new one both hold "the" lock.
 */
export const OWNER_FILE = 'mch-owner.lock';

/** Who holds the embedded database, as the owner writes it into the lock file. */
export interface OwnerInfo {
  pid: number;
  /** What the process is: `the API`, `mch csv import`, ... */
  command: string;
  startedAt: string;
  /** It will serve the database to tools once it is ready (the API does; a tool does not). */
  serves: boolean;
  /** The API's address, once it listens. */
  url?: string | undefined;
  /** The folder of the sockets through which the owner serves the database, once it does. */
  socketDir?: string | undefined;
}

/** Another process owns the embedded database: this one must not open it. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    /** What the owner wrote about itself; undefined while it is still writing it. */
    readonly holder: OwnerInfo | undefined,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${describeHolder(holder)}. One process at a time may open it. ${
        holder?.serves
          ? 'Stop that API first (Ctrl-C in its terminal, or `kill ' +
            holder.pid +
            '`), or start this one with another DATA_DIR. `pnpm mch` commands work beside the running API.'
          : 'Wait for it to finish, or stop it, then try again.'
      }`,
    );
  }
}

export function describeHolder(holder: OwnerInfo | undefined): string {
  if (!holder) return 'another process (it is starting)';
  return `${holder.command} (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}, since ${holder.startedAt})`;
}

/** This process's hold on DATA_DIR: kept until `release()` or the process's end. */
export interface Ownership {
  readonly dataDir: string;
  /** What the previous owner had written, when it ended without releasing (killed, crashed). */
  readonly takenOverFrom: OwnerInfo | undefined;
  info: OwnerInfo;
  /** Says more about this owner (its address, its sockets) to processes that find it. */
  describe(more: Partial<OwnerInfo>): void;
  release(): void;
}

function parseInfo(text: string): OwnerInfo | undefined {
  try {
    const info = JSON.parse(text) as OwnerInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tries the lock a few times over a fifth of a second: a tool that only looks who owns the
 * directory (`findOwner`) holds a shared lock for an instant, and must not turn a start away.
 */
function lockSoon(fd: number): boolean {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryLock(fd)) return true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
  }
  return false;
}

function readInfo(fd: number): OwnerInfo | undefined {
  return parseInfo(readFileSync(fd, 'utf8'));
}

/**
 * Takes DATA_DIR for this process, or throws `DataDirInUseError` naming the process that has it.
 * Never waits: two owners at once is what corrupts PGlite's files.
 */
export function claimDataDir(dataDir: string, command: string, serves = false): Ownership {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, OWNER_FILE);
  const fd = openSync(path, 'a+', 0o600);
  if (!lockSoon(fd)) {
    const holder = readInfo(fd);
    closeSync(fd);
    throw new DataDirInUseError(dataDir, holder);
  }
  const previous = readInfo(fd);
  const write = (info: OwnerInfo) => {
    ftruncateSync(fd, 0);
    // The file is opened for appending: every write lands at its (now empty) end.
    writeSync(fd, `${JSON.stringify(info)}\n`);
  };
  let released = false;
  const ownership: Ownership = {
    dataDir,
    takenOverFrom: previous && previous.pid !== process.pid ? previous : undefined,
    info: { pid: process.pid, command, startedAt: new Date().toISOString(), serves },
    describe(more) {
      if (released) return;
      ownership.info = { ...ownership.info, ...more };
      write(ownership.info);
    },
    release() {
      if (released) return;
      released = true;
      ftruncateSync(fd, 0);
      closeSync(fd);
    },
  };
  write(ownership.info);
  return ownership;
}

/**
 * Who owns DATA_DIR now, without taking it: undefined when no process does. Read by tools to
 * find the running API's sockets.
 */
export function findOwner(dataDir: string): { holder: OwnerInfo | undefined } | undefined {
  let fd: number;
  try {
    fd = openSync(join(dataDir, OWNER_FILE), 'r');
  } catch {
    return undefined;
  }
  try {
    // A probe on a descriptor of our own: taken, it is given back at once by closing it.
    if (tryLock(fd, { shared: true })) return undefined;
    return { holder: readInfo(fd) };
  } finally {
    closeSync(fd);
  }
}
