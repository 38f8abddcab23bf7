import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Express } from 'express';

type Construct = (this: unknown, ...args: unknown[]) => unknown;

/**
 * A constructor for objects of `base` whose prototype is `prototype`. Node's request and answer
 * constructors are plain functions, which run on an object made with the new constructor's own
 * prototype as cheaply as with their own; were one a class, it is constructed with the new
 * constructor as its target instead, which V8 does several times more slowly.
 */
export function withPrototype<Base extends abstract new (...args: never[]) => unknown>(
  base: Base,
  prototype: object,
): Base {
  const isClass = /^class\b/.test(Function.prototype.toString.call(base));
  const made: Construct & { prototype: object } = isClass
    ? function (this: unknown, ...args: unknown[]): unknown {
        return Reflect.construct(base, args, made);
      }
    : function (this: unknown, ...args: unknown[]): void {
        (base as unknown as Construct).apply(this, args);
      };
  made.prototype = prototype;
  return made as unknown as Base;
}

/**
 * A node:http server for an express app whose requests and answers are made with the app's
 * prototypes from the start.
 *
 * Express gives every request and answer its own prototypes as it takes them
 * (`Object.setPrototypeOf`). Measured under load, V8 then keeps about a third of what each
 * request allocates alive through the next young-generation collection and promotes it to the
 * old generation, where only a full collection frees it: garbage collection took more of the
 * API's CPU than any other part of a small request. When the objects already have those
 * prototypes, express's swap changes nothing and the garbage dies young.
 */
export function createExpressServer(app: Express): Server {
  return createServer(
    {
      IncomingMessage: withPrototype(IncomingMessage, app.request) as typeof IncomingMessage,
      ServerResponse: withPrototype(ServerResponse, app.response) as typeof ServerResponse,
    },
    app,
  );
}
