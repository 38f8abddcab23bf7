import { iatiOrganisationIdentifier } from '@mch/db';
import { countryCode } from '../places/country.js';
import { subdivisionCode, subdivisionOutsideCountry } from '../places/subdivision.js';
import { addCrud } from '../writes/crud.js';
import { reference } from '../writes/fields.js';
import { IatiOrganisationType } from './iati-organisation.js';
import { Organisation, OrganisationKind } from './organisation.js';

/** Organisations are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Organisation',
  field: 'organisation',
  ref: Organisation,
  table: 'organisation',
  operations: ['create', 'update', 'delete'],
  fields: {
    name: { kind: 'text', column: 'name', max: 300, required: true, description: 'Its name.' },
    acronym: { kind: 'text', column: 'acronym', max: 30, description: 'Its usual abbreviation.' },
    kind: {
      kind: 'enum',
      ref: OrganisationKind,
      column: 'kind',
      required: true,
      description: 'What kind of body it is.',
    },
    iatiIdentifier: {
      kind: 'text',
      column: 'iati_identifier',
      max: 100,
      format: iatiOrganisationIdentifier,
      description:
        'Its IATI organisation identifier, such as `XM-DAC-41114`: an org-id prefix and the identifier it gives.',
    },
    iatiType: {
      kind: 'enum',
      ref: IatiOrganisationType,
      column: 'iati_type',
      description:
        'Its IATI organisation type (code list `OrganisationType`); left out on creation, the type of its kind (a ministry 10, a hospital 15, a university or research centre 80).',
    },
    country: {
      kind: 'code',
      format: countryCode,
      column: 'country_id',
      description: 'ISO 3166-1 alpha-2 code of its country.',
    },
    subdivision: {
      kind: 'code',
      format: subdivisionCode,
      column: 'subdivision_id',
      description: 'ISO 3166-2 code of where it is based.',
    },
    parent: reference(
      'Organisation',
      'organisation',
      'parent_id',
      'The organisation it is part of.',
    ),
  },
  check: async (db, values) => [
    // Every organisation has a type: null would clear it.
    ...(values.iati_type === null
      ? [
          {
            path: ['input', 'iatiType'],
            message:
              '`iatiType` cannot be cleared: give an IATI organisation type, or leave it out (a new organisation then takes the type of its kind).',
          },
        ]
      : []),
    ...(await subdivisionOutsideCountry(db, values)),
  ],
});
