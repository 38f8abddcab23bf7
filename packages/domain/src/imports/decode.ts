import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ImportRejectedError } from '../shared/import-errors.js';

/**
 * The bytes of a spreadsheet file as text. Spreadsheet programs save CSV as UTF-8 (with or
 * without a byte order mark), as UTF-16 with a byte order mark ("Unicode text"), or in the
 * computer's code page (Windows-1252 and its kin). The first two are recognised by their
 * marks; anything else must be valid UTF-8, or name its encoding: a file is never stored
 * garbled because its encoding was guessed.
 */

const refuse = (line: number | null, message: string) =>
  new ImportRejectedError([{ row: null, line, column: null, message }], 'The CSV import');

/** True when iconv-lite can decode the encoding so named (`windows-1252`, `latin1`, `utf-16`). */
export function knownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}

/** The message for a file whose line is not UTF-8, naming the code page it most likely is. */
function notUtf8(line: number, sample: Uint8Array): ImportRejectedError {
  // A guess from the bytes, only to help the person name it; it never decides how to read.
  const guess = chardet.detect(sample);
  const named = guess && !/^UTF-8$|^ASCII$/i.test(guess) ? guess : 'windows-1252';
  return refuse(
    line,
    `holds bytes that are not UTF-8; the file looks like ${named}. Save it as "CSV UTF-8" (Excel) or with the character set "Unicode (UTF-8)" (LibreOffice), or name its encoding: \`--encoding ${named}\` on the command line, \`Content-Type: text/csv; charset=${named}\` over HTTP.`,
  );
}

const LF = 0x0a;

/**
 * Decodes a file's bytes as they stream in, one piece at a time. UTF-8 is checked a line at a
 * time so the first bad line can be named; other encodings go through iconv-lite's decoder.
 */
export async function* decodeCsv(
  source: AsyncIterable<Uint8Array>,
  encoding?: string,
): AsyncGenerator<string> {
  if (encoding !== undefined && !knownEncoding(encoding)) {
    throw refuse(
      null,
      `"${encoding}" is not an encoding this server reads; name one such as UTF-8, windows-1252, ISO-8859-1 or UTF-16.`,
    );
  }
  let decoder: { write(bytes: Buffer): string; end(): string | undefined } | null = null;
  let pending = Buffer.alloc(0);
  let lines = 0;
  let first = true;
  for await (const chunk of source) {
    let bytes = Buffer.concat([pending, chunk]);
    pending = Buffer.alloc(0);
    if (first) {
      // The byte order mark needs its first bytes (at most three) to be seen.
      if (bytes.length < 3) {
        pending = bytes;
        continue;
      }
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
      } else if (
        (bytes[0] === 0xff && bytes[1] === 0xfe) ||
        (bytes[0] === 0xfe && bytes[1] === 0xff)
      ) {
        decoder = iconv.getDecoder('utf-16');
      } else if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
        decoder = iconv.getDecoder(encoding);
      }
    }
    if (decoder) {
      const text = decoder.write(bytes);
      if (text) yield text;
      continue;
    }
    const end = bytes.lastIndexOf(LF) + 1;
    pending = bytes.subarray(end);
    if (end > 0) {
      const whole = bytes.subarray(0, end);
      if (!isUtf8(whole)) throw badLine(whole, lines);
      lines += count(whole);
      yield whole.toString('utf8');
    }
  }
  if (decoder) {
    const rest = decoder.end();
    if (rest) yield rest;
  } else if (pending.length > 0) {
    if (!isUtf8(pending)) throw badLine(pending, lines);
    yield pending.toString('utf8');
  }
}

function count(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/** The first line of whole lines that is not UTF-8, numbered from the lines before them. */
function badLine(bytes: Buffer, before: number): ImportRejectedError {
  let start = 0;
  let line = before + 1;
  for (;;) {
    const end = bytes.indexOf(LF, start);
    const piece = bytes.subarray(start, end === -1 ? bytes.length : end + 1);
    if (!isUtf8(piece)) return notUtf8(line, bytes);
    if (end === -1) return notUtf8(line, bytes);
    start = end + 1;
    line++;
  }
}
