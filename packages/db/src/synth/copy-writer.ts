import { once } from 'node:events';
import type { Writable } from 'node:stream';

type Value = string | number | boolean | null | undefined;

const BLOCK = 1 << 20;

/**
 * Writes rows of one table in PostgreSQL's COPY text format (tab-separated, `\N` for null)
 * into byte blocks, so that millions of rows leave little garbage behind, and hands the blocks
 * to a stream: a file, or a COPY running on the server.
 */
export class CopyWriter {
  readonly table: string;
  readonly columns: readonly string[];
  rows = 0;
  #stream: Writable;
  #block = Buffer.allocUnsafe(BLOCK);
  #offset = 0;
  #full: Buffer[] = [];

  constructor(table: string, columns: readonly string[], stream: Writable) {
    this.table = table;
    this.columns = columns;
    this.#stream = stream;
  }

  /** Adds a row; `flush()` hands the filled blocks to the stream. */
  write(values: readonly Value[]): void {
    let line = encode(values[0]);
    for (let i = 1; i < values.length; i++) line += `\t${encode(values[i])}`;
    line += '\n';
    if (this.#offset + line.length * 3 > BLOCK) {
      this.#full.push(this.#block.subarray(0, this.#offset));
      this.#block = Buffer.allocUnsafe(Math.max(BLOCK, line.length * 3));
      this.#offset = 0;
    }
    this.#offset += this.#block.write(line, this.#offset);
    this.rows++;
  }

  async flush(force = false): Promise<void> {
    if (force && this.#offset > 0) {
      this.#full.push(this.#block.subarray(0, this.#offset));
      this.#block = Buffer.allocUnsafe(BLOCK);
      this.#offset = 0;
    }
    const blocks = this.#full;
    this.#full = [];
    for (const block of blocks) {
      if (!this.#stream.write(block)) await once(this.#stream, 'drain');
    }
  }

  async close(): Promise<void> {
    await this.flush(true);
    const finished = once(this.#stream, 'finish');
    this.#stream.end();
    await finished;
  }
}

/**
 * A value as COPY text. Strings are written as they are: callers pass only text without tabs,
 * line breaks or backslashes (see `assertPlainText`), which saves a scan of every value.
 */
function encode(value: Value): string {
  return value === null || value === undefined ? '\\N' : String(value);
}

/** Fails at once if any of these strings could not be written to COPY text unescaped. */
export function assertPlainText(strings: Iterable<string>): void {
  for (const text of strings) {
    if (/[\\\t\n\r]/.test(text)) throw new Error(`Not plain COPY text: ${JSON.stringify(text)}`);
  }
}

/** Spreads one table's rows over several writers in turn, so several server processes load it. */
export class SplitWriter {
  readonly table: string;
  readonly columns: readonly string[];
  readonly #writers: CopyWriter[];
  #next = 0;

  constructor(writers: CopyWriter[]) {
    this.#writers = writers;
    this.table = writers[0]!.table;
    this.columns = writers[0]!.columns;
  }

  get rows(): number {
    return this.#writers.reduce((sum, writer) => sum + writer.rows, 0);
  }

  write(values: Parameters<CopyWriter['write']>[0]): void {
    this.#writers[this.#next]!.write(values);
    this.#next = (this.#next + 1) % this.#writers.length;
  }

  async flush(force = false): Promise<void> {
    await Promise.all(this.#writers.map((writer) => writer.flush(force)));
  }

  async close(): Promise<void> {
    await Promise.all(this.#writers.map((writer) => writer.close()));
  }
}

/** What the generator writes rows through. */
export type RowWriter = Pick<
  CopyWriter,
  'table' | 'columns' | 'rows' | 'write' | 'flush' | 'close'
>;
