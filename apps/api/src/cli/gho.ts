import { readFileSync } from 'node:fs';
import {
  alpha3Of,
  ClientError,
  createContext,
  describeProblem,
  fetchGho,
  type GhoResponse,
  ghoRequestUrl,
  ImportRejectedError,
  importGho,
  parseJson,
  UpstreamError,
} from '@mch/domain';
import { type Command, CommandFailed, UsageError } from './command.js';
import { withDatabase } from './database.js';

const importCommand: Command = {
  name: 'import',
  summary: 'Import indicator values from the WHO Global Health Observatory.',
  usage: [
    'gho import CODE... [--countries MZ,UZ] [--method estimate|national-report]',
    'gho import CODE... --file ANSWER.json[,ANSWER2.json] [--countries MZ,UZ]',
  ],
  options: {
    countries: {
      type: 'string',
      description: 'ISO 3166-1 alpha-2 codes, comma-separated; every place GHO has when left out.',
    },
    file: {
      type: 'string',
      description:
        'Saved answers of the GHO API, one per code in the same order, instead of asking GHO_BASE_URL.',
    },
    method: {
      type: 'string',
      description: 'estimate (WHO’s comparable estimates, the default) or national-report.',
    },
  },
  run: async (values, positionals) => {
    const codes = positionals;
    if (codes.length === 0) throw new UsageError('Name at least one GHO indicator code.');
    const files =
      typeof values.file === 'string' ? values.file.split(',').filter((f) => f.trim()) : [];
    if (files.length > 0 && files.length !== codes.length) {
      throw new UsageError(
        `Give one saved answer per indicator code: ${codes.length} codes, ${files.length} files.`,
      );
    }
    const method =
      values.method === undefined || values.method === 'estimate'
        ? 'modelled_estimate'
        : values.method === 'national-report'
          ? 'national_report'
          : null;
    if (!method) throw new UsageError('--method must be estimate or national-report.');
    const countries =
      typeof values.countries === 'string'
        ? values.countries
            .split(',')
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean)
        : [];

    await withDatabase('mch gho import', async (database, config) => {
      try {
        const ctx = createContext({
          db: database.db,
          viewer: { role: 'admin', tokenName: 'mch gho import (command line)' },
          ghoBaseUrl: config.ghoBaseUrl,
        });
        const known = await alpha3Of(database.db, countries);
        const missing = countries.filter((code) => !known.some((c) => c.code === code));
        if (missing.length > 0) {
          throw new UsageError(
            `The graph holds no country ${missing.join(', ')}; give ISO 3166-1 alpha-2 codes.`,
          );
        }
        const alpha3s = countries.map((code) => known.find((c) => c.code === code)!.alpha3);
        const responses: GhoResponse[] = [];
        for (const [index, code] of codes.entries()) {
          const url = ghoRequestUrl(config.ghoBaseUrl, code, alpha3s);
          const file = files[index];
          if (file) {
            let text: string;
            try {
              text = readFileSync(file, 'utf8');
            } catch (error) {
              throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
            }
            responses.push({ indicator: code, url, body: parseJson(text, code), saved: true });
          } else {
            console.error(`Asking ${url}`);
            responses.push(await fetchGho(url, code));
          }
        }
        const reports = await importGho(ctx, responses, { method });
        for (const report of reports) {
          console.log(
            `${report.indicator}: ${report.rowCount} rows; ${report.created} stored, ${report.updated} updated, ${report.unchanged} unchanged.`,
          );
          console.log(`  source: ${report.url}${report.saved ? ' (from a saved answer)' : ''}`);
          for (const skipped of report.skipped) {
            console.log(
              `  not stored: ${skipped.count} ${skipped.reason.replaceAll('_', ' ')} (${skipped.examples.join('; ')})`,
            );
          }
        }
      } catch (error) {
        if (error instanceof ImportRejectedError) {
          throw new CommandFailed(
            [error.message, ...error.problems.map((p) => `  ${describeProblem(p)}`)].join('\n'),
          );
        }
        if (error instanceof UpstreamError) throw new CommandFailed(error.message);
        if (error instanceof ClientError) throw new UsageError(error.message);
        throw error;
      }
    });
  },
};

export const ghoCommand: Command = {
  name: 'gho',
  summary: 'Import indicator values from the WHO Global Health Observatory.',
  subcommands: [importCommand],
};
