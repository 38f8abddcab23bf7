/**
 * Keeps a local JSON copy of the training events up to date from the change feed:
 *
 *   pnpm example:sync --url http://localhost:4000/graphql --file events.json
 *
 * (both options may be left out: see `--help`)
 *
 * The first run copies every event; each later run applies only what changed since the cursor
 * the file holds, and saves the new cursor with the events.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Client,
  createClient,
  sync,
  TrainingEventChangesDocument,
  type TrainingEventChangesQuery,
} from '../src/index.js';
import { apiUrl, option, userPath } from './where.js';

type Change = TrainingEventChangesQuery['changes']['nodes'][number];
type EventCopy = NonNullable<Change['record']>;

export interface EventsFile {
  cursor: string | null;
  events: Record<string, EventCopy>;
}

/** Brings the events file up to date; returns it and how many changes were applied. */
export async function syncEventsFile(
  client: Client,
  file: string,
): Promise<{ copy: EventsFile; changes: number }> {
  const copy: EventsFile = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as EventsFile)
    : { cursor: null, events: {} };
  const result = await sync(client, TrainingEventChangesDocument, {
    cursor: copy.cursor,
    apply: (changes, cursor) => {
      for (const change of changes) {
        if (change.record && 'id' in change.record) copy.events[change.recordId] = change.record;
        else delete copy.events[change.recordId];
      }
      copy.cursor = cursor;
      writeFileSync(file, `${JSON.stringify(copy, null, 2)}\n`);
    },
  });
  return { copy, changes: result.changes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--help')) {
    console.log(`Usage: pnpm example:sync [--url URL] [--file FILE]

Keeps a local JSON copy of the training events up to date from the change feed.

  --url URL    the GraphQL endpoint (default $MCH_API_URL, or http://localhost:$PORT/graphql,
               port 4000 when PORT is not set)
  --file FILE  the copy to keep, from the directory the command is typed in (default
               .data/events.json in the repository, which git ignores)
  --help       show this help`);
    process.exit(0);
  }
  const url = apiUrl();
  // By default beside the embedded database, in the repository's `.data/`, which git ignores.
  const file = option('--file')
    ? userPath(option('--file')!)
    : fileURLToPath(new URL('../../../.data/events.json', import.meta.url));
  mkdirSync(dirname(file), { recursive: true });
  const { copy, changes } = await syncEventsFile(createClient({ url }), file);
  console.log(
    `${file}: ${Object.keys(copy.events).length} events; ${changes} changes applied since the last sync.`,
  );
}
