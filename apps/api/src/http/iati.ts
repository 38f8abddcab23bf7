import type { DbHandle } from '@mch/db';
import { ClientError, ErrorCode, iatiActivities, parseIatiSelection } from '@mch/domain';
import type { RequestHandler, Response } from 'express';
import { type Config, ConfigError, iatiPublisher } from '../config.js';

const refuse = (res: Response, status: number, message: string, code: string, more = {}) =>
  res.status(status).json({ errors: [{ message, extensions: { code, ...more } }] });

/**
 * `GET /iati/activities.xml[?programme=<global ID>][&country=<ISO2>]`: the programmes as an IATI
 * 2.03 activities file, for publishing to the IATI registry. A selection of no programme is
 * answered 404; in production, without a configured publisher, 503.
 */
export function iatiExport(config: Config, database: DbHandle): RequestHandler {
  return async (req, res, next) => {
    try {
      const publisher = iatiPublisher(config);
      const selection = parseIatiSelection(req.query);
      const xml = await iatiActivities(database.db, publisher, selection);
      res.type('application/xml; charset=utf-8').send(xml);
    } catch (error) {
      if (error instanceof ConfigError) {
        refuse(res, 503, error.message, ErrorCode.IATI_PUBLISHER_NOT_CONFIGURED);
      } else if (error instanceof ClientError) {
        const { http, code, ...extensions } = error.extensions as {
          http?: { status: number };
          code: string;
        };
        refuse(res, http?.status ?? 400, error.message, code, extensions);
      } else {
        next(error);
      }
    }
  };
}
