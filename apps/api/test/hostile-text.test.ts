import { describe, expect, it } from 'vitest';
import { type Answer, hostileServer } from './support/hostile.js';
import {
  type FieldRequest,
  mutationRequests,
  queryRequests,
  withValueAt,
} from './support/schema-values.js';

// Unusual and unstorable text in every string argument of every query and mutation.
const { graphql, tokens } = hostileServer();

const HOSTILE_TEXT = [
  "'; drop table country; --",
  "' or '1'='1",
  '%_\\',
  '$1 $$ :name ?',
  '\u202Egnp.exe',
  '👩🏽‍⚕️🤱🏿',
  'e\u0301'.repeat(500),
  'Ｔｅｓｔ　１２３',
  'ǅ ß İ ı ﬁ',
  '\uFEFF\u200B\u200D',
  'a'.repeat(100_000),
  '\t\r\n',
  '\u0007\u001B[31m',
];
// Text PostgreSQL cannot store at all: refused with 400 before anything runs.
const UNSTORABLE_TEXT = ['a\u0000b', '\uD800', 'x\uDFFFy'];

function describeStatus(request: FieldRequest, path: Array<string | number>, answer: Answer) {
  return `${request.field} ${path.join('.')} → ${answer.status} ${answer.codes.join(',')}`;
}

describe('unusual text in every string argument of every query', () => {
  const requests = queryRequests();

  it('finds the string arguments of the schema', () => {
    expect(requests.reduce((total, r) => total + r.textPaths.length, 0)).toBeGreaterThan(40);
  });

  it('answers every one without a server error', async () => {
    const failures: string[] = [];
    for (const request of requests) {
      for (const path of request.textPaths) {
        for (const text of HOSTILE_TEXT) {
          const answer = await graphql(request.document, withValueAt(request, path, text));
          if (answer.status >= 500 || answer.codes.includes('INTERNAL_SERVER_ERROR')) {
            failures.push(describeStatus(request, path, answer));
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses text that cannot be stored with 400 BAD_USER_INPUT', async () => {
    const failures: string[] = [];
    for (const request of requests) {
      for (const path of request.textPaths) {
        for (const text of UNSTORABLE_TEXT) {
          const answer = await graphql(request.document, withValueAt(request, path, text));
          if (answer.status !== 400 || answer.codes.join() !== 'BAD_USER_INPUT') {
            failures.push(describeStatus(request, path, answer));
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('treats SQL meta-characters in a search as words', async () => {
    const answer = await graphql(
      'query($q: String!) { search(query: $q, first: 5) { totalCount } }',
      { q: "seminar'; delete from training_event; --" },
    );
    expect(answer.status).toBe(200);
    expect(answer.codes).toEqual([]);
  });
});

describe('unusual text in every string argument of every mutation', () => {
  const requests = mutationRequests();

  it('answers every one without a server error and stores nothing of it', async () => {
    const failures: string[] = [];
    for (const request of requests) {
      for (const path of request.textPaths) {
        for (const text of [...UNSTORABLE_TEXT, '\u0007\u001B[31m', 'x'.repeat(100_000)]) {
          const answer = await graphql(
            request.document,
            withValueAt(request, path, text),
            tokens().admin,
          );
          const data = answer.body.data as Record<string, { __typename?: string }> | null;
          const typename = data?.[request.field]?.__typename ?? '';
          const refused =
            answer.status === 400
              ? answer.codes.join() === 'BAD_USER_INPUT'
              : answer.codes.length > 0
                ? answer.codes.every((code) => code === 'INVALID_ID' || code === 'BAD_USER_INPUT')
                : /Error$/.test(typename);
          if (!refused) failures.push(`${describeStatus(request, path, answer)} ${typename}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
