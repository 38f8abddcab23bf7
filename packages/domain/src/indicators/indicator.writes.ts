import { type Database, WHO_PUBLISHER } from '@mch/db';
import type { Transaction } from 'kysely';
import { builder } from '../builder.js';
import { countryCode } from '../places/country.js';
import { subdivisionCode } from '../places/subdivision.js';
import { ConflictError, type FieldError, rejectIfInvalid } from '../shared/errors.js';
import { encodeGlobalId } from '../shared/global-id.js';
import { addCreateVerb } from '../writes/create-verb.js';
import { addCrud, idempotencyKeyDescription, recordPayload } from '../writes/crud.js';
import { type FieldSpecs, inputFields, reference, validate } from '../writes/fields.js';
import { insertRow } from '../writes/run.js';
import {
  IndicatorObservation,
  indicatorCode,
  ObservationMethod,
  ObservationSex,
} from './indicator.js';

/** The measured part of an indicator observation, as updates change it and recording sets it. */
const observationValueFields: FieldSpecs = {
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
  sex: {
    kind: 'enum',
    ref: ObservationSex,
    column: 'sex',
    description: 'Whom the value is about, when the indicator is broken down by sex.',
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

/** An uncertainty interval holds its value. */
function boundsAroundValue(values: Record<string, unknown>): FieldError[] {
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

addCrud({
  name: 'IndicatorObservation',
  field: 'indicatorObservation',
  ref: IndicatorObservation,
  table: 'indicator_observation',
  operations: ['update', 'delete'],
  fields: observationValueFields,
  check: (_db, values) => boundsAroundValue(values),
});

/**
 * The graph holds one WHO value per observation (the database's unique index says so too): a
 * value citing a WHO source for an observation WHO's value is already held for is refused, with
 * the value to update instead.
 */
async function refuseSecondWhoValue(
  trx: Transaction<Database>,
  values: Record<string, unknown>,
): Promise<void> {
  const same = (column: string) => (values[column] ?? null) as never;
  const held = await trx
    .selectFrom('indicator_observation')
    .select(['id', 'year', 'method'])
    .where('from_who', '=', true)
    .where('indicator_code', '=', same('indicator_code'))
    .where('country_id', 'is not distinct from', same('country_id'))
    .where('subdivision_id', 'is not distinct from', same('subdivision_id'))
    .where('year', '=', same('year'))
    .where('period', 'is not distinct from', same('period'))
    .where('sex', 'is not distinct from', same('sex'))
    .where('method', '=', same('method'))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('source')
          .select('source.id')
          .where('source.id', '=', same('source_id'))
          .where('source.publisher', '=', WHO_PUBLISHER),
      ),
    )
    .executeTakeFirst();
  if (held) {
    throw new ConflictError(
      `The graph already holds WHO's value of ${values.indicator_code as string} for this place, year ${held.year}, sex and method (${held.method}): ${encodeGlobalId('IndicatorObservation', held.id)}. Update that value with updateIndicatorObservation instead of recording a second.`,
    );
  }
}

/** Recording a value with what it measures, where, and its source. */

const observationFields: FieldSpecs = {
  indicator: {
    kind: 'code',
    format: indicatorCode,
    column: 'indicator_code',
    required: true,
    description: 'GHO indicator code, such as `MDG_0000000026`.',
  },
  country: {
    kind: 'code',
    format: countryCode,
    column: 'country_id',
    description: 'ISO code of the country (for a national value).',
  },
  subdivision: {
    kind: 'code',
    format: subdivisionCode,
    column: 'subdivision_id',
    description: 'ISO 3166-2 code of the subdivision (for a value of a subdivision).',
  },
  ...observationValueFields,
  source: reference('Source', 'source', 'source_id', 'Where the value comes from.', true),
};

const Input = builder.inputType('RecordIndicatorObservationInput', {
  description:
    'One value of an indicator, with its source: for a country or a subdivision, exactly one.',
  fields: (t) => ({
    ...inputFields(t, observationFields, 'create'),
    idempotencyKey: t.string({ description: idempotencyKeyDescription }),
  }),
});

const Payload = recordPayload('RecordIndicatorObservationPayload', {
  field: 'indicatorObservation',
  ref: IndicatorObservation,
  description: 'The value as stored.',
  fieldDescription: 'The value.',
  replayed: true,
});

addCreateVerb({
  name: 'recordIndicatorObservation',
  description: 'Records a value of an indicator with its source and uncertainty.',
  input: Input,
  payload: Payload,
  ref: IndicatorObservation,
  table: 'indicator_observation',
  create: async (trx, input) => {
    const { ...fields } = input;
    const { values, errors } = await validate(
      trx,
      observationFields,
      fields as Record<string, unknown>,
      'create',
    );
    if ((values.country_id == null) === (values.subdivision_id == null)) {
      errors.push({
        path: ['input', 'country'],
        message: 'Give exactly one of `country` and `subdivision`.',
      });
    }
    errors.push(...boundsAroundValue(values));
    rejectIfInvalid(errors);
    await refuseSecondWhoValue(trx, values);
    const id = await insertRow(trx, 'indicator_observation', values);
    return { id };
  },
});
