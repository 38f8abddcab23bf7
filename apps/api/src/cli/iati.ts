import { writeFileSync } from 'node:fs';
import { ClientError, type IatiSelection, iatiActivities, parseIatiSelection } from '@mch/domain';
import { ConfigError, iatiPublisher } from '../config.js';
import { type Command, CommandFailed, UsageError } from './command.js';
import { withDatabase } from './database.js';

const exportCommand: Command = {
  name: 'export',
  summary: 'Write the programmes as an IATI 2.03 activities file.',
  usage: ['iati export [--out FILE.xml] [--programme ID] [--country CODE]'],
  options: {
    out: { type: 'string', description: 'The file to write; standard output when left out.' },
    programme: { type: 'string', description: 'Only this programme (its global ID).' },
    country: {
      type: 'string',
      description: 'Only programmes with events or targets in this country (ISO 3166-1 alpha-2).',
    },
  },
  run: async (values) => {
    let selection: IatiSelection;
    try {
      selection = parseIatiSelection({ programme: values.programme, country: values.country });
    } catch (error) {
      throw error instanceof ClientError ? new UsageError(error.message) : error;
    }
    await withDatabase('mch iati export', async (database, config) => {
      let xml: string;
      try {
        xml = await iatiActivities(database.db, iatiPublisher(config), selection);
      } catch (error) {
        // An empty selection or an unconfigured publisher: the message says what to change.
        throw error instanceof ClientError || error instanceof ConfigError
          ? new CommandFailed(error.message)
          : error;
      }
      if (typeof values.out === 'string') {
        writeFileSync(values.out, xml);
        console.error(`Wrote ${values.out}.`);
      } else {
        process.stdout.write(`${xml}\n`);
      }
    });
  },
};

export const iatiCommand: Command = {
  name: 'iati',
  summary: 'Publish to IATI: export the programmes as IATI 2.03 activities.',
  subcommands: [exportCommand],
};
