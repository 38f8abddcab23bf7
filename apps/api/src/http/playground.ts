import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { playgroundTabs } from '@mch/client';
import type { Request, RequestHandler } from 'express';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="9" cy="10" r="5" fill="#2a7ab0"/><circle cx="23" cy="10" r="5" fill="#c0392b"/><circle cx="16" cy="23" r="6" fill="#27ae60"/><path d="M9 10 L23 10 L16 23 Z" fill="none" stroke="#555" stroke-width="1.5"/></svg>';

/**
 * The playground page: GraphiQL with its docs explorer, history and headers editor, opening the
 * client package's operations as example tabs. Everything it needs (scripts, styles, editor
 * workers, icons) is inside the one page, so it works without any other host.
 */
async function renderPlayground(endpoint: string): Promise<string> {
  // The page's code weighs megabytes: it is loaded on the first visit, not at every start.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  // `variables` fills the variables editor of the first tab, which GraphiQL would leave empty.
  const options: Parameters<typeof renderGraphiQL>[0] & { variables?: string } = {
    title: 'MCH Cooperation Graph',
    endpoint,
    favicon: `data:image/svg+xml;base64,${Buffer.from(icon).toString('base64')}`,
    logo: icon,
    defaultTabs: playgroundTabs.map((tab) => ({ query: tab.query, variables: tab.variables })),
    defaultEditorToolsVisibility: 'variables',
    variables: playgroundTabs[0]?.variables,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    schemaDescription: true,
    inputValueDeprecation: true,
  };
  return renderGraphiQL(options);
}

/** The page once made: its bytes as sent for each encoding, and its entity tag. */
interface Page {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
}

/** How long a browser or a shared cache may reuse the page before asking whether it changed. */
const MAX_AGE_SECONDS = 3600;

/** A browser's request for the page: a GET of the endpoint itself, preferring HTML to JSON. */
export function wantsPlayground(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.url !== req.path) return false; // a query string is an operation, not the page
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * Serves the playground page at GET /graphql to browsers. The page is about 9 MB of scripts, so
 * it is made once, compressed once (brotli and gzip, at their best ratios: it is done a single
 * time) and sent with an entity tag, so that a browser or a shared cache asks again with
 * `If-None-Match` and gets 304 without the page.
 */
export function playground(endpoint: string): RequestHandler {
  let page: Promise<Page> | undefined;
  const make = async (): Promise<Page> => {
    const identity = Buffer.from(await renderPlayground(endpoint));
    const [br, gz] = await Promise.all([
      promisify(brotliCompress)(identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 9,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
      promisify(gzip)(identity, { level: 9 }),
    ]);
    const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
    return { etag, bodies: { br, gzip: gz, identity } };
  };

  return async (req, res, next) => {
    if (!wantsPlayground(req)) {
      next();
      return;
    }
    try {
      page ??= make();
      const { etag, bodies } = await page;
      res.setHeader('cache-control', `public, max-age=${MAX_AGE_SECONDS}`);
      res.setHeader('etag', etag);
      // The same address answers JSON to clients that prefer it, and each encoding differs.
      res.vary('Accept').vary('Accept-Encoding');
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      const encoding = (req.acceptsEncodings('br', 'gzip', 'identity') || 'identity') as
        | 'br'
        | 'gzip'
        | 'identity';
      const body = bodies[encoding];
      if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
      res.type('html').setHeader('content-length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      page = undefined;
      next(error);
    }
  };
}
