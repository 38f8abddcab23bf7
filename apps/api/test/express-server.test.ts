import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressServer, withPrototype } from '../src/http/express-server.js';

/**
 * The HTTP server makes requests and answers with the app's prototypes from the start, so
 * express has no prototype to swap (a swap made V8 keep what each request allocated alive
 * until a full collection). Everything express adds must work as before.
 */
describe('the HTTP server of the express app', () => {
  const app = express();
  app.set('etag', false);
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res
      .status(201)
      .set('x-seen', req.get('x-sent') ?? 'none')
      .json({
        body: req.body,
        path: req.path,
        query: req.query,
        app: req.app === app,
      });
  });
  const server = createExpressServer(app);
  // What each request and answer is made as, seen before express takes them.
  const madeAs: Array<[boolean, boolean]> = [];
  server.prependListener('request', (req, res) => {
    madeAs.push([
      Object.getPrototypeOf(req) === app.request,
      Object.getPrototypeOf(res) === app.response,
    ]);
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('makes requests and answers with the app prototypes, and answers as express does', async () => {
    const before = madeAs.length;
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${origin}/echo?round=${i}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sent': `round ${i}` },
        body: JSON.stringify({ n: i }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-seen')).toBe(`round ${i}`);
      expect(await response.json()).toEqual({
        body: { n: i },
        path: '/echo',
        query: { round: String(i) },
        app: true,
      });
    }
    expect(madeAs.slice(before)).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it("answers an unknown path with express's 404", async () => {
    const response = await fetch(`${origin}/nowhere`);
    expect(response.status).toBe(404);
  });
});

describe('constructors with a prototype of our choosing', () => {
  const prototype = { kind: 'ours' };

  it('run a plain constructor function on an object with that prototype', () => {
    function Plain(this: { a: number }, a: number) {
      this.a = a;
    }
    const Made = withPrototype(Plain as unknown as new (a: number) => { a: number }, prototype);
    const made = new Made(1);
    expect(Object.getPrototypeOf(made)).toBe(prototype);
    expect({ ...made, kind: (made as unknown as { kind: string }).kind }).toEqual({
      a: 1,
      kind: 'ours',
    });
  });

  it('construct a class with that prototype', () => {
    class Classy {
      constructor(readonly a: number) {}
    }
    const Made = withPrototype(Classy, prototype);
    const made = new Made(2);
    expect(Object.getPrototypeOf(made)).toBe(prototype);
    expect({ ...made, kind: (made as unknown as { kind: string }).kind }).toEqual({
      a: 2,
      kind: 'ours',
    });
  });
});
