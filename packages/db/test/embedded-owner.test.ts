import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../src/embedded/backup.js';
import { claimDataDir, DataDirInUseError, findOwner, OWNER_FILE } from '../src/embedded/owner.js';

// The lock that makes one process the embedded database's owner, and the file writes a backup
// relies on, on the real file system and with real processes.

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mch-owner-unit-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const OWNER_MODULE = fileURLToPath(new URL('../dist/embedded/owner.js', import.meta.url));

describe('claimDataDir', () => {
  it('gives DATA_DIR to one owner at a time and says who has it', () => {
    const dataDir = folder();
    const first = claimDataDir(dataDir, 'the API', true);
    first.describe({ url: 'http://127.0.0.1:4000/graphql' });
    let refusal: unknown;
    try {
      claimDataDir(dataDir, 'mch csv import');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as DataDirInUseError).holder).toEqual({
      pid: process.pid,
      command: 'the API',
      serves: true,
      startedAt: first.info.startedAt,
      url: 'http://127.0.0.1:4000/graphql',
    });
    expect(findOwner(dataDir)?.holder?.command).toBe('the API');

    first.release();
    expect(findOwner(dataDir)).toBeUndefined();
    const second = claimDataDir(dataDir, 'mch csv import');
    expect(second.takenOverFrom).toBeUndefined();
    second.release();
    // The lock file stays: removing it would let two processes each lock a file of that name.
    expect(readdirSync(dataDir)).toEqual([OWNER_FILE]);
  });

  it('takes over from an owner that was killed, which left its lock file behind', async () => {
    const dataDir = folder();
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { claimDataDir } from ${JSON.stringify(OWNER_MODULE)};
         claimDataDir(${JSON.stringify(dataDir)}, 'the API', true);
         console.log('claimed');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    expect(() => claimDataDir(dataDir, 'the API')).toThrow(
      `is in use by the API (pid ${child.pid}, since `,
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')).pid).toBe(child.pid);

    const next = claimDataDir(dataDir, 'the API', true);
    expect(next.takenOverFrom?.pid).toBe(child.pid);
    expect(JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')).pid).toBe(process.pid);
    next.release();
  });
});

describe('writeAtomically', () => {
  it('leaves the previous file as it was when the stream fails on its way, and no stray file', async () => {
    const dir = folder();
    const file = join(dir, 'backup.tar.gz');
    writeFileSync(file, 'the previous backup');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        this.destroy(new Error('the owner went away'));
      },
    });
    await expect(writeAtomically(file, failing)).rejects.toThrow('the owner went away');
    expect(readFileSync(file, 'utf8')).toBe('the previous backup');
    expect(readdirSync(dir)).toEqual(['backup.tar.gz']);

    expect(await writeAtomically(file, Readable.from([Buffer.from('the next one')]))).toBe(12);
    expect(readFileSync(file, 'utf8')).toBe('the next one');
    expect(readdirSync(dir)).toEqual(['backup.tar.gz']);
  });
});
