import { sql } from 'kysely';
import { builder } from '../builder.js';
import { mutationErrors } from '../writes/errors.js';
import { type FieldSpecs, inputFields, validate } from '../writes/fields.js';
import { boundsAroundValue } from '../writes/resources.js';
import { createOnce, rejectIfInvalid, snapshot } from '../writes/run.js';
import { IndicatorObservation, ObservationMethod } from './indicator.js';

const observationFields: FieldSpecs = {
  indicator: {
    kind: 'indicator',
    column: 'indicator_code',
    required: true,
    description: 'GHO indicator code, such as `MDG_0000000026`.',
  },
  country: {
    kind: 'country',
    column: 'country_id',
    description: 'ISO code of the country (for a national value).',
  },
  subdivision: {
    kind: 'subdivision',
    column: 'subdivision_id',
    description: 'ISO code of the subdivision (for a regional value).',
  },
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
  source: {
    kind: 'reference',
    typename: 'Source',
    table: 'source',
    column: 'source_id',
    required: true,
    description: 'Where the value comes from.',
  },
  note: {
    kind: 'text',
    column: 'note',
    max: 4000,
    multiline: true,
    description: 'What readers should know.',
  },
};

const Input = builder.inputType('RecordIndicatorObservationInput', {
  description:
    'One value of an indicator, with its source: for a country or a subdivision, exactly one.',
  fields: (t) => ({
    ...inputFields(t, observationFields, 'create'),
    idempotencyKey: t.string({
      description: 'A unique string; a retry with it creates nothing new.',
    }),
  }),
});

const Payload = builder
  .objectRef<{ id: string; replayed: boolean }>('RecordIndicatorObservationPayload')
  .implement({
    description: 'The value as stored.',
    fields: (t) => ({
      indicatorObservation: t.field({
        type: IndicatorObservation,
        description: 'The value.',
        resolve: (p) => p.id,
      }),
      replayed: t.boolean({
        description: 'True when this answers a retry with the same idempotency key.',
        resolve: (p) => p.replayed,
      }),
    }),
  });

builder.mutationField('recordIndicatorObservation', (t) =>
  t.field({
    type: Payload,
    description: 'Records a value of an indicator with its source and uncertainty.',
    authScopes: { editor: true },
    errors: {
      types: mutationErrors,
      directResult: true,
      union: { name: 'RecordIndicatorObservationResult' },
    },
    args: { input: t.arg({ type: Input, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await createOnce(
        ctx,
        'recordIndicatorObservation',
        input as never,
        async ({ trx, audit }) => {
          const { idempotencyKey: _key, ...fields } = input;
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
          const inserted = await sql<{ id: string }>`
          insert into indicator_observation (${sql.join(Object.keys(values).map((c) => sql.ref(c)))})
          values (${sql.join(Object.values(values))}) returning id`.execute(trx);
          const id = inserted.rows[0]!.id;
          await audit({
            action: 'recordIndicatorObservation',
            recordType: 'indicator_observation',
            recordId: id,
            before: null,
            after: await snapshot(trx, 'indicator_observation', id),
          });
          return id;
        },
      );
      IndicatorObservation.getDataloader(ctx).clear(result.id);
      return result;
    },
  }),
);
