import { sql } from 'kysely';
import { Agreement, AgreementKind } from '../agreements/agreement.js';
import { Donation, DonationStatus } from '../donations/donation.js';
import { IndicatorObservation, ObservationMethod } from '../indicators/indicator.js';
import { Organisation, OrganisationKind } from '../organisations/organisation.js';
import { Person } from '../organisations/person.js';
import { Country } from '../places/country.js';
import { Subdivision, SubdivisionKind } from '../places/subdivision.js';
import { Programme, ProgrammeStatus } from '../programmes/programme.js';
import { Target, TargetMetric } from '../programmes/target.js';
import { DatePrecision, QuantityQualifier } from '../shared/enums.js';
import { Source, SourceKind } from '../sources/source.js';
import { Topic } from '../topics/topic.js';
import { TrainingEvent, TrainingFormat } from '../training-events/training-event.js';
import { addCrud } from './crud.js';
import type { FieldError } from './errors.js';
import type { FieldSpec, FieldSpecs } from './fields.js';

/** The generic create, update and delete mutations, one declaration per type of record. */

const name = (column = 'name', max = 300): FieldSpec => ({
  kind: 'text',
  column,
  max,
  required: true,
  description: 'Its name.',
});
const title: FieldSpec = {
  kind: 'text',
  column: 'title',
  max: 500,
  required: true,
  description: 'Its title.',
};
const description: FieldSpec = {
  kind: 'text',
  column: 'description',
  max: 4000,
  multiline: true,
  description: 'A description, in prose.',
};
const precision = (column: string): FieldSpec => ({
  kind: 'enum',
  ref: DatePrecision,
  column: `${column}_precision`,
  description: 'How precisely the date is known (DAY when left out on creation).',
});

/** Records that must agree with each other: a subdivision lies in the record's country. */
async function subdivisionInCountry(
  db: Parameters<NonNullable<Parameters<typeof addCrud>[0]['check']>>[0],
  values: Record<string, unknown>,
  field = 'subdivision',
): Promise<FieldError[]> {
  if (!values.subdivision_id || !values.country_id) return [];
  const found = await sql<{ ok: boolean }>`
    select true as ok from subdivision where id = ${values.subdivision_id} and country_id = ${values.country_id}`.execute(
    db,
  );
  return found.rows.length
    ? []
    : [{ path: ['input', field], message: `\`${field}\` must lie in the record's country.` }];
}

function ordered(
  values: Record<string, unknown>,
  from: string,
  to: string,
  field: string,
): FieldError[] {
  const start = values[from];
  const end = values[to];
  return typeof start === 'string' && typeof end === 'string' && end < start
    ? [{ path: ['input', field], message: `\`${field}\` must not be before the start (${start}).` }]
    : [];
}

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
      pattern: /^[A-Z]{2}$/,
      hint: 'two capital letters (ISO 3166-1 alpha-2)',
      required: true,
      description: 'ISO 3166-1 alpha-2 code.',
    },
    alpha3: {
      kind: 'text',
      column: 'alpha3',
      max: 3,
      pattern: /^[A-Z]{3}$/,
      hint: 'three capital letters (ISO 3166-1 alpha-3)',
      required: true,
      description: 'ISO 3166-1 alpha-3 code.',
    },
    numericCode: {
      kind: 'text',
      column: 'numeric_code',
      max: 3,
      pattern: /^[0-9]{3}$/,
      hint: 'three digits (ISO 3166-1 numeric)',
      required: true,
      description: 'ISO 3166-1 numeric code.',
    },
    name: name('name', 200),
    officialName: {
      kind: 'text',
      column: 'official_name',
      max: 300,
      description: 'Official name.',
    },
  },
});

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
      pattern: /^[A-Z]{2}-[A-Z0-9]{1,3}$/,
      hint: 'an ISO 3166-2 code such as "UZ-QA"',
      required: true,
      description: 'ISO 3166-2 code.',
    },
    country: {
      kind: 'country',
      column: 'country_id',
      required: true,
      description: 'ISO 3166-1 alpha-2 code of its country.',
    },
    name: name('name', 200),
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
    return country && !values.code.startsWith(`${country.code}-`)
      ? [
          {
            path: ['input', 'code'],
            message: `\`code\` must start with its country's code, ${country.code}-.`,
          },
        ]
      : [];
  },
});

addCrud({
  name: 'Source',
  field: 'source',
  ref: Source,
  table: 'source',
  operations: ['create', 'update', 'delete'],
  fields: {
    title: { ...title, max: 1000 },
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
      pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
      hint: 'lower-case words joined by hyphens, such as "neonatal-care"',
      required: true,
      description: 'Stable code.',
    },
    name: name(),
    description,
    parent: {
      kind: 'reference',
      typename: 'Topic',
      table: 'topic',
      column: 'parent_id',
      description: 'The broader topic.',
    },
  },
});

addCrud({
  name: 'Organisation',
  field: 'organisation',
  ref: Organisation,
  table: 'organisation',
  operations: ['create', 'update', 'delete'],
  fields: {
    name: name(),
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
      pattern: /^[A-Za-z0-9]+(-[A-Za-z0-9._]+)+$/,
      hint: 'an IATI organisation identifier such as "XM-DAC-928"',
      description: 'IATI organisation identifier.',
    },
    country: {
      kind: 'country',
      column: 'country_id',
      description: 'ISO 3166-1 alpha-2 code of its country.',
    },
    subdivision: {
      kind: 'subdivision',
      column: 'subdivision_id',
      description: 'ISO 3166-2 code of where it is based.',
    },
    parent: {
      kind: 'reference',
      typename: 'Organisation',
      table: 'organisation',
      column: 'parent_id',
      description: 'The organisation it is part of.',
    },
  },
  check: (db, values) => subdivisionInCountry(db, values),
});

addCrud({
  name: 'Person',
  field: 'person',
  ref: Person,
  table: 'person',
  operations: ['create', 'update', 'delete'],
  fields: {
    name: name(),
    profession: {
      kind: 'text',
      column: 'profession',
      max: 200,
      description: 'Profession or specialty.',
    },
    title: { kind: 'text', column: 'title', max: 200, description: 'Position or title.' },
    organisation: {
      kind: 'reference',
      typename: 'Organisation',
      table: 'organisation',
      column: 'organisation_id',
      description: 'Where the person works.',
    },
  },
});

addCrud({
  name: 'Programme',
  field: 'programme',
  ref: Programme,
  table: 'programme',
  operations: ['create', 'update', 'delete'],
  fields: {
    title,
    description,
    status: {
      kind: 'enum',
      ref: ProgrammeStatus,
      column: 'status',
      required: true,
      description: 'IATI activity status.',
    },
    startDate: { kind: 'date', column: 'start_date', description: 'When it started.' },
    startDatePrecision: precision('start_date'),
    endDate: { kind: 'date', column: 'end_date', description: 'When it ended or is to end.' },
    agreement: {
      kind: 'reference',
      typename: 'Agreement',
      table: 'agreement',
      column: 'agreement_id',
      description: 'The agreement it is carried out under.',
    },
    iatiIdentifier: {
      kind: 'text',
      column: 'iati_identifier',
      max: 150,
      description: 'IATI activity identifier.',
    },
  },
  check: (_db, values) => ordered(values, 'start_date', 'end_date', 'endDate'),
});

addCrud({
  name: 'Target',
  field: 'target',
  ref: Target,
  table: 'target',
  operations: ['create', 'update', 'delete'],
  fields: {
    programme: {
      kind: 'reference',
      typename: 'Programme',
      table: 'programme',
      column: 'programme_id',
      required: true,
      description: 'The programme setting the target.',
    },
    subdivision: {
      kind: 'subdivision',
      column: 'subdivision_id',
      description: 'ISO 3166-2 code of the subdivision it is for.',
    },
    metric: {
      kind: 'enum',
      ref: TargetMetric,
      column: 'metric',
      required: true,
      description: 'What is counted.',
    },
    description: {
      kind: 'text',
      column: 'description',
      max: 1000,
      required: true,
      description: 'The target in words.',
    },
    baselineValue: {
      kind: 'float',
      column: 'baseline_value',
      min: 0,
      max: 1e12,
      description: 'The value at the start.',
    },
    baselineDate: {
      kind: 'date',
      column: 'baseline_date',
      description: 'When the baseline was measured.',
    },
    targetValue: {
      kind: 'float',
      column: 'target_value',
      min: 0,
      max: 1e12,
      description: 'The value to reach.',
    },
    targetDate: { kind: 'date', column: 'target_date', description: 'When it is to be reached.' },
    reportedValue: {
      kind: 'float',
      column: 'reported_value',
      min: 0,
      max: 1e12,
      description: 'Progress reported by the programme.',
    },
    reportedOn: { kind: 'date', column: 'reported_on', description: 'When it was reported.' },
  },
  check: (_db, values) => ordered(values, 'baseline_date', 'target_date', 'targetDate'),
});

addCrud({
  name: 'Agreement',
  field: 'agreement',
  ref: Agreement,
  table: 'agreement',
  operations: ['update', 'delete'],
  fields: {
    title,
    description,
    kind: {
      kind: 'enum',
      ref: AgreementKind,
      column: 'kind',
      required: true,
      description: 'Bilateral or multilateral.',
    },
    signedOn: { kind: 'date', column: 'signed_on', description: 'When it was signed.' },
    signedOnPrecision: precision('signed_on'),
    declaredAreaCount: {
      kind: 'int',
      column: 'declared_area_count',
      min: 0,
      max: 100000,
      description: 'How many areas were declared.',
    },
    declaredAreaCountQualifier: {
      kind: 'enum',
      ref: QuantityQualifier,
      column: 'declared_area_count_qualifier',
      description: 'How the count was stated.',
    },
  },
});

/** A training event's own fields, as updates change them and as scheduling sets them. */
export const trainingEventFields: FieldSpecs = {
  title,
  description,
  format: {
    kind: 'enum',
    ref: TrainingFormat,
    column: 'format',
    required: true,
    description: 'How it is delivered.',
  },
  startDate: { kind: 'date', column: 'start_date', description: 'When it starts or started.' },
  startDatePrecision: precision('start_date'),
  durationMinutes: {
    kind: 'int',
    column: 'duration_minutes',
    min: 1,
    max: 525600,
    description: 'How long, in minutes.',
  },
  locality: { kind: 'text', column: 'locality', max: 200, description: 'The city or town.' },
  programme: {
    kind: 'reference',
    typename: 'Programme',
    table: 'programme',
    column: 'programme_id',
    description: 'The programme (series).',
  },
  hostOrganisation: {
    kind: 'reference',
    typename: 'Organisation',
    table: 'organisation',
    column: 'host_organisation_id',
    description: 'The host institution.',
  },
  country: {
    kind: 'country',
    column: 'country_id',
    required: true,
    description: 'ISO 3166-1 alpha-2 code of the country.',
  },
  subdivision: {
    kind: 'subdivision',
    column: 'subdivision_id',
    description: 'ISO 3166-2 code of the subdivision.',
  },
};

addCrud({
  name: 'TrainingEvent',
  field: 'trainingEvent',
  ref: TrainingEvent,
  table: 'training_event',
  operations: ['update', 'delete'],
  fields: trainingEventFields,
  check: (db, values) => subdivisionInCountry(db, values),
});

/** A donation's own fields, as updates change them and recording sets them. */
export const donationFields: FieldSpecs = {
  title,
  description,
  status: {
    kind: 'enum',
    ref: DonationStatus,
    column: 'status',
    required: true,
    description: 'Pledged or delivered.',
  },
  announcedOn: { kind: 'date', column: 'announced_on', description: 'When it was announced.' },
  deliveredOn: { kind: 'date', column: 'delivered_on', description: 'When it was handed over.' },
  valueAmount: {
    kind: 'decimal',
    column: 'value_amount',
    description: 'Declared value, with `valueCurrency`.',
  },
  valueCurrency: {
    kind: 'currency',
    column: 'value_currency',
    description: 'ISO 4217 currency of the value.',
  },
};

addCrud({
  name: 'Donation',
  field: 'donation',
  ref: Donation,
  table: 'donation',
  operations: ['update', 'delete'],
  fields: donationFields,
  check: (_db, values) => [
    ...((values.value_amount == null) !== (values.value_currency == null)
      ? [
          {
            path: ['input', 'valueCurrency'],
            message: '`valueAmount` and `valueCurrency` go together: give both or neither.',
          },
        ]
      : []),
    ...(values.announced_on == null && values.delivered_on == null
      ? [
          {
            path: ['input', 'announcedOn'],
            message: 'A donation needs `announcedOn` or `deliveredOn`.',
          },
        ]
      : []),
  ],
});

/** The measured part of an indicator observation, as updates change it and recording sets it. */
export const observationValueFields: FieldSpecs = {
  year: {
    kind: 'int',
    column: 'year',
    min: 1900,
    max: 2100,
    required: true,
    description: 'The year.',
  },
  period: {
    kind: 'text',
    column: 'period',
    max: 100,
    description: 'The part of the year covered, if not all.',
  },
  value: {
    kind: 'float',
    column: 'value',
    min: 0,
    max: 1e9,
    required: true,
    description: 'The value.',
  },
  lowerBound: {
    kind: 'float',
    column: 'lower_bound',
    min: 0,
    max: 1e9,
    description: 'Lower bound of the uncertainty interval.',
  },
  upperBound: {
    kind: 'float',
    column: 'upper_bound',
    min: 0,
    max: 1e9,
    description: 'Upper bound of the uncertainty interval.',
  },
  method: {
    kind: 'enum',
    ref: ObservationMethod,
    column: 'method',
    required: true,
    description: 'How it was produced.',
  },
  estimateRound: {
    kind: 'text',
    column: 'estimate_round',
    max: 200,
    description: 'The estimation round.',
  },
  note: {
    kind: 'text',
    column: 'note',
    max: 4000,
    multiline: true,
    description: 'A note for readers.',
  },
};

addCrud({
  name: 'IndicatorObservation',
  field: 'indicatorObservation',
  ref: IndicatorObservation,
  table: 'indicator_observation',
  operations: ['update', 'delete'],
  fields: observationValueFields,
  check: (_db, values) => boundsAroundValue(values),
});

/** An uncertainty interval holds its value. */
export function boundsAroundValue(values: Record<string, unknown>): FieldError[] {
  const value = values.value as number | undefined;
  const errors: FieldError[] = [];
  if (
    typeof values.lower_bound === 'number' &&
    typeof value === 'number' &&
    values.lower_bound > value
  ) {
    errors.push({
      path: ['input', 'lowerBound'],
      message: '`lowerBound` must not be above `value`.',
    });
  }
  if (
    typeof values.upper_bound === 'number' &&
    typeof value === 'number' &&
    values.upper_bound < value
  ) {
    errors.push({
      path: ['input', 'upperBound'],
      message: '`upperBound` must not be below `value`.',
    });
  }
  return errors;
}
