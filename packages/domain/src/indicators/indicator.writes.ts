import { sql } from 'kysely';
import { builder } from '../builder.js';
import { mutationErrors } from '../writes/errors.js';
import { type FieldSpecs, inputFields, validate } from '../writes/fields.js';
import { boundsAroundValue, observationValueFields } from '../writes/resources.js';
import { createOnce, rejectIfInvalid, snapshot } from '../writes/run.js';
import { IndicatorObservation } from './indicator.js';

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
  ...observationValueFields,
  source: {
    kind: 'reference',
    typename: 'Source',
    table: 'source',
    column: 'source_id',
    required: true,
    description: 'Where the value comes from.',
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
