import { sql } from 'kysely';
import { builder } from '../builder.js';
import { QuantityQualifier } from '../shared/enums.js';
import { mutationErrors } from '../writes/errors.js';
import { type FieldSpecs, inputFields, validate } from '../writes/fields.js';
import { donationFields } from '../writes/resources.js';
import { createOnce, rejectIfInvalid, snapshot } from '../writes/run.js';
import { Donation, ItemCategory, ItemUnit } from './donation.js';

/** Recording a donation with its line items, in one transaction. */

/** What recording sets: the fields updates change, with the donation's parties. */
const recordFields: FieldSpecs = {
  ...donationFields,
  title: { ...donationFields.title!, description: 'What was given, in brief.' },
  description: {
    ...donationFields.description!,
    description: 'The donation as the source reports it.',
  },
  donorCountry: {
    kind: 'country',
    column: 'donor_country_id',
    description: 'ISO code of the donor country.',
  },
  donorOrganisation: {
    kind: 'reference',
    typename: 'Organisation',
    table: 'organisation',
    column: 'donor_organisation_id',
    description: 'The donor organisation.',
  },
  recipientCountry: {
    kind: 'country',
    column: 'recipient_country_id',
    description: 'ISO code of the recipient country.',
  },
  recipientOrganisation: {
    kind: 'reference',
    typename: 'Organisation',
    table: 'organisation',
    column: 'recipient_organisation_id',
    description: 'The recipient organisation.',
  },
  programme: {
    kind: 'reference',
    typename: 'Programme',
    table: 'programme',
    column: 'programme_id',
    description: 'The programme it is part of.',
  },
};

const itemFields: FieldSpecs = {
  category: {
    kind: 'enum',
    ref: ItemCategory,
    column: 'category',
    required: true,
    description: 'What kind of goods.',
  },
  description: {
    kind: 'text',
    column: 'description',
    max: 500,
    required: true,
    description: 'The goods, such as `Medical masks`.',
  },
  quantity: {
    kind: 'int',
    column: 'quantity',
    min: 1,
    max: 2_000_000_000,
    description: 'How many, in `unit`.',
  },
  quantityQualifier: {
    kind: 'enum',
    ref: QuantityQualifier,
    column: 'quantity_qualifier',
    description: 'How the quantity was stated (EXACT when left out).',
  },
  unit: { kind: 'enum', ref: ItemUnit, column: 'unit', description: 'The unit of `quantity`.' },
};

const DonationItemInput = builder.inputType('DonationItemInput', {
  description: 'One line of a donation.',
  fields: (t) => inputFields(t, itemFields, 'create'),
});

const RecordDonationInput = builder.inputType('RecordDonationInput', {
  description: 'A donation and its line items.',
  fields: (t) => ({
    ...inputFields(t, recordFields, 'create'),
    items: t.field({
      type: [DonationItemInput],
      required: true,
      description: 'Its line items, at least one.',
    }),
    idempotencyKey: t.string({
      description: 'A unique string; a retry with it creates nothing new.',
    }),
  }),
});

const RecordDonationPayload = builder
  .objectRef<{ id: string; replayed: boolean }>('RecordDonationPayload')
  .implement({
    description: 'The donation as stored.',
    fields: (t) => ({
      donation: t.field({
        type: Donation,
        description: 'The donation, with its items.',
        resolve: (p) => p.id,
      }),
      replayed: t.boolean({
        description: 'True when this answers a retry with the same idempotency key.',
        resolve: (p) => p.replayed,
      }),
    }),
  });

builder.mutationField('recordDonation', (t) =>
  t.field({
    type: RecordDonationPayload,
    description: 'Records a donation with all its line items, or nothing of it.',
    authScopes: { editor: true },
    errors: { types: mutationErrors, directResult: true, union: { name: 'RecordDonationResult' } },
    args: { input: t.arg({ type: RecordDonationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await createOnce(
        ctx,
        'recordDonation',
        input as never,
        async ({ trx, audit }) => {
          const { items, idempotencyKey: _key, ...fields } = input;
          const { values, errors } = await validate(
            trx,
            recordFields,
            fields as Record<string, unknown>,
            'create',
          );
          if (items.length === 0)
            errors.push({
              path: ['input', 'items'],
              message: 'A donation needs at least one line item.',
            });
          if (items.length > 200)
            errors.push({
              path: ['input', 'items'],
              message: 'A donation holds at most 200 line items.',
            });
          const rows: Array<Record<string, unknown>> = [];
          for (const [i, item] of items.entries()) {
            const checked = await validate(
              trx,
              itemFields,
              item as Record<string, unknown>,
              'create',
              ['input', 'items', String(i)],
            );
            errors.push(...checked.errors);
            const given = item as { quantity?: unknown; unit?: unknown };
            if ((given.quantity == null) !== (given.unit == null)) {
              errors.push({
                path: ['input', 'items', String(i), 'unit'],
                message: '`quantity` and `unit` go together: give both or neither.',
              });
            }
            rows.push({ ...checked.values, position: i });
          }
          // Whether a field was given at all: a given but wrong one has its own error already.
          const given = fields as Record<string, unknown>;
          if (given.donorCountry == null && given.donorOrganisation == null) {
            errors.push({
              path: ['input', 'donorCountry'],
              message: 'Name the donor: `donorCountry` or `donorOrganisation`.',
            });
          }
          if (given.recipientCountry == null && given.recipientOrganisation == null) {
            errors.push({
              path: ['input', 'recipientCountry'],
              message: 'Name the recipient: `recipientCountry` or `recipientOrganisation`.',
            });
          }
          if (given.announcedOn == null && given.deliveredOn == null) {
            errors.push({
              path: ['input', 'announcedOn'],
              message: 'A donation needs `announcedOn` or `deliveredOn`.',
            });
          }
          if ((given.valueAmount == null) !== (given.valueCurrency == null)) {
            errors.push({
              path: ['input', 'valueCurrency'],
              message: '`valueAmount` and `valueCurrency` go together: give both or neither.',
            });
          }
          rejectIfInvalid(errors);
          const inserted = await sql<{ id: string }>`
          insert into donation (${sql.join(Object.keys(values).map((c) => sql.ref(c)))})
          values (${sql.join(Object.values(values))}) returning id`.execute(trx);
          const id = inserted.rows[0]!.id;
          await trx
            .insertInto('donation_item')
            .values(rows.map((row) => ({ ...row, donation_id: id })) as never)
            .execute();
          await audit({
            action: 'recordDonation',
            recordType: 'donation',
            recordId: id,
            before: null,
            after: { ...(await snapshot(trx, 'donation', id)), items: rows },
          });
          return id;
        },
      );
      Donation.getDataloader(ctx).clear(result.id);
      return result;
    },
  }),
);
