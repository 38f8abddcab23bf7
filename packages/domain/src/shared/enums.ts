import { builder } from '../builder.js';

/** Enums shared by several parts of the graph. Each maps GraphQL names to stored codes. */

export const DatePrecision = builder.enumType('DatePrecision', {
  description:
    'How precisely a date is known. A date known only to the month is stored as the first of that month.',
  values: {
    DAY: { value: 'day', description: 'The exact day is known.' },
    MONTH: { value: 'month', description: 'Only the month is known.' },
    YEAR: { value: 'year', description: 'Only the year is known.' },
  } as const,
});

export const QuantityQualifier = builder.enumType('QuantityQualifier', {
  description: 'How a number was stated by its source.',
  values: {
    EXACT: { value: 'exact', description: 'The number as stated, without qualification.' },
    MORE_THAN: { value: 'more_than', description: '"More than" or "over" the number.' },
    NEARLY: { value: 'nearly', description: '"Nearly" the number: somewhat below it.' },
    ABOUT: { value: 'about', description: '"About" the number: around it, either side.' },
  } as const,
});

export const OrganisationRole = builder.enumType('OrganisationRole', {
  description:
    'The part an organisation plays in a programme or an event: the IATI organisation roles 1 to 4, plus host and beneficiary.',
  values: {
    FUNDING: { value: 'funding', description: 'IATI role 1: provides the funds.' },
    ACCOUNTABLE: {
      value: 'accountable',
      description: 'IATI role 2: answers for the activity and its outcomes.',
    },
    EXTENDING: {
      value: 'extending',
      description: 'IATI role 3: manages and coordinates the activity on behalf of the funder.',
    },
    IMPLEMENTING: {
      value: 'implementing',
      description: 'IATI role 4: carries the activity out, for example by sending its experts.',
    },
    HOST: { value: 'host', description: 'The institution where an event takes place.' },
    BENEFICIARY: { value: 'beneficiary', description: 'The institution the activity serves.' },
  } as const,
});

export const SortDirection = builder.enumType('SortDirection', {
  description: 'The direction of a sort.',
  values: {
    ASC: { value: 'asc', description: 'Smallest, earliest or A first.' },
    DESC: { value: 'desc', description: 'Largest, latest or Z first.' },
  } as const,
});
