import type { TestApi } from './test-api.js';

/** The answer of an upload: its HTTP status and its JSON body. */
export interface CsvAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A list's spreadsheet round trip as an editor makes it over HTTP: `upload` sends a file to
 * `/import/<list>.csv`, `counted` does the same and says which SQL statements it sent, and
 * `exportedLines` reads `/export/<list>.csv` back, its header and the lines that match.
 */
export function csvRoundTrip(api: TestApi, list: string) {
  const upload = async (body: string): Promise<CsvAnswer> => {
    const response = await fetch(`${api.origin}/import/${list}.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${api.tokens.editor}` },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    upload,
    async counted(body: string): Promise<{ answer: CsvAnswer; statements: string[] }> {
      api.resetStatements();
      const answer = await upload(body);
      return { answer, statements: api.statements() };
    },
    /** The export's header and its lines that match `line` (records without line breaks). */
    async exportedLines(line: RegExp): Promise<{ header: string; lines: string[] }> {
      const response = await fetch(`${api.origin}/export/${list}.csv`, {
        headers: { authorization: `Bearer ${api.tokens.editor}` },
      });
      const [header = '', ...rest] = (await response.text()).split(/\r?\n/).filter(Boolean);
      return { header, lines: rest.filter((text) => line.test(text)) };
    },
  };
}
