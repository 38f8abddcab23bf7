import { addCrud } from '../writes/crud.js';
import { reference } from '../writes/fields.js';
import { Person } from './person.js';

/** People are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Person',
  field: 'person',
  ref: Person,
  table: 'person',
  operations: ['create', 'update', 'delete'],
  fields: {
    name: { kind: 'text', column: 'name', max: 300, required: true, description: 'Its name.' },
    profession: {
      kind: 'text',
      column: 'profession',
      max: 200,
      description: 'Profession or specialty.',
    },
    title: { kind: 'text', column: 'title', max: 200, description: 'Position or title.' },
    organisation: reference(
      'Organisation',
      'organisation',
      'organisation_id',
      'Where the person works.',
    ),
  },
});
