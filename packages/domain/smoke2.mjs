import { writeFileSync } from 'node:fs';
import { createDb, loadSeed, migrateToLatest } from '@mch/db';
import { graphql, lexicographicSortSchema, printSchema } from 'graphql';
import { createContext, schema } from './dist/index.js';

writeFileSync('/tmp/schema.graphql', printSchema(lexicographicSortSchema(schema)));
let n = 0;
const h = await createDb({
  onQuery: (e) => {
    n++;
    if (process.env.SQL) console.log('SQL', e.sql);
  },
});
await migrateToLatest(h.db);
await loadSeed(h.db);
const run = async (q, v) => {
  n = 0;
  const r = await graphql({
    schema,
    source: q,
    variableValues: v,
    contextValue: createContext({ db: h.db }),
  });
  console.log(JSON.stringify(r, null, 1), '\nstatements:', n);
};
await run(`{ trainingEvents(first: 10) { totalCount nodes { title startDate startDatePrecision format status participantCount durationHours locality
  country { code } subdivision { code name } hostOrganisation { name acronym country { code } }
  programme { title trainingEvents(orderBy: {field: START_DATE, direction: ASC}) { nodes { title startDate } } }
  topics { nodes { code name } }
  presenters { nodes { role profession person { name title } organisation { name subdivision { code } parent { name } } } }
  participatingOrganisations { nodes { role organisation { name } } }
  participantGroups { nodes { category description count } }
  sources { edges { locator node { title publisher publishedOn } } }
} } }`);
