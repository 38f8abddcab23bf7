import { addCrud } from '../writes/crud.js';
import { Country, countryCode } from './country.js';

/** Countries are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Country',
  field: 'country',
  ref: Country,
  table: 'country',
  operations: ['create', 'update', 'delete'],
  fields: {
    code: {
      kind: 'text',
      column: 'code',
      max: 2,
      format: countryCode,
      required: true,
      description: 'ISO 3166-1 alpha-2 code.',
    },
    alpha3: {
      kind: 'text',
      column: 'alpha3',
      max: 3,
      format: { pattern: /^[A-Z]{3}$/, hint: 'three capital letters (ISO 3166-1 alpha-3)' },
      required: true,
      description: 'ISO 3166-1 alpha-3 code.',
    },
    numericCode: {
      kind: 'text',
      column: 'numeric_code',
      max: 3,
      format: { pattern: /^[0-9]{3}$/, hint: 'three digits (ISO 3166-1 numeric)' },
      required: true,
      description: 'ISO 3166-1 numeric code.',
    },
    name: { kind: 'text', column: 'name', max: 200, required: true, description: 'Its name.' },
    officialName: {
      kind: 'text',
      column: 'official_name',
      max: 300,
      description: 'Official name.',
    },
  },
});
