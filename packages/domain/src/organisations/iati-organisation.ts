import { iatiCodes, iatiOrganisationTypeCodes } from '@mch/db';
import { builder } from '../builder.js';

/**
 * The IATI OrganisationType of an organisation: every organisation element of the IATI export
 * carries it as `@type`. (Its identifier, `@ref`, has the format `iatiOrganisationIdentifier`.)
 */

const typeNames = new Map(
  iatiCodes
    .filter((code) => code.list === 'OrganisationType')
    .map((code) => [code.code, code.name]),
);

/** `Academic, Training and Research` as `ACADEMIC_TRAINING_AND_RESEARCH`. */
const enumName = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export const IatiOrganisationType = builder.enumType('IatiOrganisationType', {
  description:
    'The IATI 2.03 organisation type of an organisation (code list `OrganisationType`), written as `@type` of its organisation elements in the IATI export.',
  values: Object.fromEntries(
    iatiOrganisationTypeCodes.map((code) => {
      const name = typeNames.get(code);
      if (!name) throw new Error(`The IATI code list has no OrganisationType ${code}.`);
      return [enumName(name), { value: code, description: `IATI code ${code}: ${name}.` }];
    }),
  ),
});
