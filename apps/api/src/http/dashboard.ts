import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

/** How long a browser keeps a file whose name holds its content's hash: it never changes. */
const HASHED_MAX_AGE = '365d';

/**
 * The page may load and ask nothing but this server (its icon is a data: URL): a dashboard that
 * works without the internet, and a script injected into it could not send data elsewhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The built dashboard (apps/web): `index.html` at `/`, checked again at every visit so that a new
 * build is seen at once, and its `assets/`, named by their hash, kept by browsers for a year.
 * Undefined when the folder holds no build, so that `/` keeps leading to the playground.
 */
export function dashboard(dir: string): RequestHandler | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = express.static(dir, {
    index: 'index.html',
    redirect: false,
    setHeaders(res, path) {
      if (path.endsWith('.html')) {
        res.setHeader('cache-control', 'no-cache');
        res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      } else {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      }
    },
    maxAge: HASHED_MAX_AGE,
  });
  return (req, res, next) => {
    if (req.path === '/' || req.path.startsWith('/assets/')) files(req, res, next);
    else next();
  };
}
