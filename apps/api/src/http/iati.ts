import type { DbHandle } from '@mch/db';
import { ClientError, iatiActivities, parseIatiSelection } from '@mch/domain';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';

/**
 * `GET /iati/activities.xml[?programme=<global ID>][&country=<ISO2>]`: the programmes as an IATI
 * 2.03 activities file, for publishing to the IATI registry.
 */
export function iatiExport(config: Config, database: DbHandle): RequestHandler {
  return async (req, res, next) => {
    let selection: ReturnType<typeof parseIatiSelection>;
    try {
      selection = parseIatiSelection(req.query);
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      res.status(400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
      return;
    }
    try {
      const xml = await iatiActivities(database.db, config.iati.reportingOrg, selection);
      res.type('application/xml; charset=utf-8').send(xml);
    } catch (error) {
      next(error);
    }
  };
}
