import { addCrud } from '../writes/crud.js';
import { Source, SourceKind } from './source.js';

/** Sources are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Source',
  field: 'source',
  ref: Source,
  table: 'source',
  operations: ['create', 'update', 'delete'],
  fields: {
    title: { kind: 'text', column: 'title', max: 1000, required: true, description: 'Its title.' },
    publisher: { kind: 'text', column: 'publisher', max: 300, description: 'Who published it.' },
    url: { kind: 'url', column: 'url', description: 'Where it can be read.' },
    publishedOn: { kind: 'date', column: 'published_on', description: 'The day it was published.' },
    kind: {
      kind: 'enum',
      ref: SourceKind,
      column: 'kind',
      required: true,
      description: 'What kind of publication.',
    },
    note: {
      kind: 'text',
      column: 'note',
      max: 4000,
      multiline: true,
      description: 'What a reader should know.',
    },
  },
});
