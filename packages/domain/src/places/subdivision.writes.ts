import { addCrud } from '../writes/crud.js';
import { countryCode } from './country.js';
import {
  codeOutsideCountry,
  Subdivision,
  SubdivisionKind,
  subdivisionCode,
} from './subdivision.js';

/** Subdivisions are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Subdivision',
  field: 'subdivision',
  ref: Subdivision,
  table: 'subdivision',
  operations: ['create', 'update', 'delete'],
  fields: {
    code: {
      kind: 'text',
      column: 'code',
      max: 6,
      format: subdivisionCode,
      required: true,
      description: 'ISO 3166-2 code.',
    },
    country: {
      kind: 'code',
      format: countryCode,
      column: 'country_id',
      required: true,
      description: 'ISO 3166-1 alpha-2 code of its country.',
    },
    name: { kind: 'text', column: 'name', max: 200, required: true, description: 'Its name.' },
    kind: {
      kind: 'enum',
      ref: SubdivisionKind,
      column: 'kind',
      required: true,
      description: 'Its ISO 3166-2 category.',
    },
  },
  check: async (db, values) => {
    if (typeof values.code !== 'string' || typeof values.country_id !== 'string') return [];
    const country = await db
      .selectFrom('country')
      .select('code')
      .where('id', '=', values.country_id)
      .executeTakeFirst();
    return country ? codeOutsideCountry(values.code, country.code) : [];
  },
});
