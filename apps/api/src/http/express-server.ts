import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Express } from 'express';

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
  function Request(this: unknown, ...args: unknown[]) {
    return Reflect.construct(IncomingMessage, args, Request);
  }
  Request.prototype = app.request;
  function Response(this: unknown, ...args: unknown[]) {
    return Reflect.construct(ServerResponse, args, Response);
  }
  Response.prototype = app.response;
  return createServer(
    {
      IncomingMessage: Request as unknown as typeof IncomingMessage,
      ServerResponse: Response as unknown as typeof ServerResponse,
    },
    app,
  );
}
