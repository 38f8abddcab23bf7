import { addCrud } from '../writes/crud.js';
import { reference } from '../writes/fields.js';
import { Topic, topicCode } from './topic.js';

/** Topics are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Topic',
  field: 'topic',
  ref: Topic,
  table: 'topic',
  operations: ['create', 'update', 'delete'],
  fields: {
    code: {
      kind: 'text',
      column: 'code',
      max: 100,
      format: topicCode,
      required: true,
      description: 'Stable code.',
    },
    name: { kind: 'text', column: 'name', max: 300, required: true, description: 'Its name.' },
    description: {
      kind: 'text',
      column: 'description',
      max: 4000,
      multiline: true,
      description: 'A description, in prose.',
    },
    parent: reference('Topic', 'topic', 'parent_id', 'The broader topic.'),
  },
});
