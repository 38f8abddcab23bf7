import { describe, expect, it } from 'vitest';
import { hostileServer } from './support/hostile.js';
import { missingId } from './support/schema-values.js';

// Malformed bodies, documents over the limits, and IDs that are not ours.
const { send, graphql } = hostileServer();

describe('malformed requests', () => {
  it.each([
    ['a truncated document', '{"query": "{ countries { totalCount } '],
    ['a bare string', '"{ countries { totalCount } }"'],
    ['trailing garbage', '{"query": "{ __typename }"} xyz'],
    ['nothing at all', ''],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d])],
  ])('answers %s with 400 BAD_REQUEST', async (_name, body) => {
    const answer = await send(body);
    expect([answer.status, answer.codes]).toEqual([400, ['BAD_REQUEST']]);
  });

  it.each([
    ['text/plain', '{"query": "{ __typename }"}'],
    ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--',
    ],
    ['application/xml', '<query>{ __typename }</query>'],
  ])('answers content type %s with 415 UNSUPPORTED_MEDIA_TYPE', async (type, body) => {
    const answer = await send(body, { 'content-type': type });
    expect([answer.status, answer.codes]).toEqual([415, ['UNSUPPORTED_MEDIA_TYPE']]);
  });

  it('answers a 10 MB body with 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await send(
      JSON.stringify({ query: `{ __typename } #${'x'.repeat(10_000_000)}` }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]).toEqual({
      message: 'The request body is larger than 1000000 bytes.',
      extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 1_000_000 },
    });
  });

  it.each([
    ['no query', '{}'],
    ['a query that is a number', '{"query": 42}'],
    ['variables that are a string', '{"query": "{ __typename }", "variables": "x"}'],
  ])('answers %s with 400 BAD_REQUEST', async (_name, body) => {
    const answer = await send(body);
    expect([answer.status, answer.codes]).toEqual([400, ['BAD_REQUEST']]);
  });

  it.each([
    [
      'an operationName that names no operation of the document',
      {
        query:
          'query Countries { countries { totalCount } } query Topics { topics { totalCount } }',
        operationName: 'Donations',
      },
      'The document holds 2 operations ("Countries", "Topics"); `operationName` "Donations" names none of them. Send the name of one of them.',
      ['Countries', 'Topics'],
    ],
    [
      'two operations and no operationName',
      { query: 'query Countries { countries { totalCount } } mutation Topic { __typename }' },
      'The document holds 2 operations ("Countries", "Topic"); say which to run with `operationName`.',
      ['Countries', 'Topic'],
    ],
    [
      'an operationName for a document whose one operation has no name',
      { query: '{ countries { totalCount } }', operationName: 'Countries' },
      'The document holds 1 operation (an anonymous one); `operationName` "Countries" names none of them. Send the name of one of them.',
      [null],
    ],
  ])(
    'answers %s with 400 OPERATION_RESOLUTION_FAILURE, listing the operations',
    async (_name, body, message, operations) => {
      const answer = await send(JSON.stringify(body));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        errors: [{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE', operations } }],
      });
    },
  );

  it('runs the operation operationName names, of several', async () => {
    const answer = await send(
      JSON.stringify({
        query:
          'query Countries { countries { totalCount } } query Topics { topics(first: 1) { nodes { code } } }',
        operationName: 'Countries',
      }),
    );
    expect([answer.status, answer.body]).toEqual([
      200,
      { data: { countries: { totalCount: 249 } } },
    ]);
  });

  it('caps batches at ten operations', async () => {
    const operation = { query: '{ __typename }' };
    const answer = await send(JSON.stringify(Array.from({ length: 11 }, () => operation)));
    expect([answer.status, answer.codes]).toEqual([400, ['BATCH_LIMIT_EXCEEDED']]);
    const allowed = await send(JSON.stringify(Array.from({ length: 10 }, () => operation)));
    expect(allowed.status).toBe(200);
    expect(allowed.body).toHaveLength(10);
  });
});

describe('documents over the limits', () => {
  it('refuses a query nested 100 deep', async () => {
    const query = `{ organisations(first: 1) { nodes { ${'parent { '.repeat(100)}name${' }'.repeat(100)} } } }`;
    const answer = await graphql(query);
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ found: 103, limit: 12 });
  });

  it('refuses ten thousand aliases, first by the size of the document', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ');
    const answer = await graphql(`{ ${aliases} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'The query is 178893 characters long; at most 20000 are allowed.',
        extensions: { code: 'DOCUMENT_TOO_LARGE', found: 178_893, limit: 20_000 },
      },
    ]);
  });

  it('refuses more than 30 aliases in a document of allowed size', async () => {
    const aliases = Array.from(
      { length: 31 },
      (_, i) => `a${i}: country(code: "MZ") { name }`,
    ).join(' ');
    const answer = await graphql(`{ ${aliases} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'The query has 31 aliases; at most 30 are allowed.',
        extensions: { code: 'ALIAS_LIMIT_EXCEEDED', found: 31, limit: 30 },
      },
    ]);
  });

  it('refuses fragment cycles', async () => {
    const answer = await graphql(
      '{ organisations(first: 1) { nodes { ...A } } } fragment A on Organisation { parent { ...B } } fragment B on Organisation { parent { ...A } }',
    );
    expect(answer.status).toBe(400);
    expect(answer.codes).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.[0]?.message).toBe(
      'Cannot spread fragment "A" within itself via "B".',
    );
  });

  it('refuses a fragment spread onto itself', async () => {
    const answer = await graphql('{ ...F } fragment F on Query { ...F }');
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toBe('Cannot spread fragment "F" within itself.');
  });

  it('refuses repeated directives, first by their number', async () => {
    const answer = await graphql(`{ __typename ${'@include(if: true) '.repeat(50)} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toEqual({
      message: 'The query has 50 directives; at most 20 are allowed.',
      extensions: { code: 'DIRECTIVE_LIMIT_EXCEEDED', found: 50, limit: 20 },
    });
    // graphql-js adds that a directive may appear once per place.
    expect(new Set(answer.codes.slice(1))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
  });

  it('refuses more than 20 directives spread over a document', async () => {
    const fields = Array.from({ length: 21 }, (_, i) => `f${i}: __typename @skip(if: false)`);
    const answer = await graphql(`{ ${fields.join(' ')} }`);
    expect([answer.status, answer.codes]).toEqual([400, ['DIRECTIVE_LIMIT_EXCEEDED']]);
  });

  it.each([
    // 1 + 10^9 × (nodes 1 + title 1)
    [
      'first: 1000000000',
      '{ trainingEvents(first: 1000000000) { nodes { title } } }',
      2_000_000_001,
    ],
    [
      // 1 + 100 × (1 + 1 + 100 × (1 + 1 + 100 × (1 + 1 + 1)))
      'a nested page of 100 in a page of 100',
      '{ organisations(first: 100) { nodes { trainingEvents(first: 100) { nodes { presenters(first: 100) { nodes { role } } } } } } }',
      2_020_201,
    ],
  ])('refuses %s by its cost, with the cost and the limit', async (_name, query, cost) => {
    const answer = await graphql(query);
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ found: cost, limit: 200_000 });
  });

  it('refuses first: 1000000000 through a variable too', async () => {
    const answer = await graphql(
      'query($n: Int) { trainingEvents(first: $n) { nodes { title } } }',
      { n: 1_000_000_000 },
    );
    expect([answer.status, answer.codes]).toEqual([400, ['COST_LIMIT_EXCEEDED']]);
  });

  it('refuses a negative page size, naming the argument and the range', async () => {
    const answer = await graphql('query($n: Int) { trainingEvents(first: $n) { totalCount } }', {
      n: -1,
    });
    expect(answer.body).toEqual({
      data: null,
      errors: [
        {
          message:
            '`first` must be between 0 and 100; got -1. Page through longer lists with cursors.',
          locations: [{ line: 1, column: 18 }],
          path: ['trainingEvents'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first', max: 100 },
        },
      ],
    });
  });

  it('refuses a page size that is not an integer', async () => {
    const answer = await graphql('query($n: Int) { trainingEvents(first: $n) { totalCount } }', {
      n: 1.5,
    });
    expect([answer.status, answer.codes]).toEqual([400, ['BAD_USER_INPUT']]);
  });
});

describe('global IDs', () => {
  const malformed = [
    'not-base64!',
    '',
    '====',
    Buffer.from('Organisation').toString('base64'),
    Buffer.from('organisation:1').toString('base64'),
    Buffer.from('NoSuchType:00000000-0000-4000-8000-000000000000').toString('base64'),
    Buffer.from("Organisation:1' or '1'='1").toString('base64'),
    Buffer.from('Organisation:42').toString('base64'),
    'x'.repeat(10_000),
  ];

  it.each(malformed)('answers node(id: %j) with INVALID_ID', async (id) => {
    const answer = await graphql('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(answer.status).toBe(200);
    expect(answer.codes).toEqual(['INVALID_ID']);
  });

  it('answers an ID of a record that does not exist with null', async () => {
    const answer = await graphql('query($id: ID!) { node(id: $id) { id } }', {
      id: missingId('Organisation'),
    });
    expect(answer.body).toEqual({ data: { node: null } });
  });

  it.each([
    ['a number', 42],
    ['an object', { id: 1 }],
    ['a list', ['a']],
    ['a boolean', true],
  ])('answers an ID that is %s with BAD_USER_INPUT', async (_name, id) => {
    const answer = await graphql('query($id: ID!) { node(id: $id) { id } }', { id });
    // Numbers are valid IDs in GraphQL; they decode to nothing of this API.
    if (typeof id === 'number') {
      expect(answer.codes).toEqual(['INVALID_ID']);
    } else {
      expect([answer.status, answer.codes]).toEqual([400, ['BAD_USER_INPUT']]);
    }
  });

  it('answers an ID of the wrong type in a filter with INVALID_ID naming the argument', async () => {
    const answer = await graphql(
      'query($p: [ID!]) { trainingEvents(filter: { programmes: $p }) { totalCount } }',
      { p: [missingId('Organisation')] },
    );
    expect(answer.body.errors?.[0]).toMatchObject({
      message: '`filter.programmes` must be the ID of a Programme; this one names an Organisation.',
      extensions: { code: 'INVALID_ID', argument: 'filter.programmes' },
    });
  });
});

// Strings a client may send anywhere text goes. None of them may reach SQL as anything but a
// value, and none may answer with a 5xx.
