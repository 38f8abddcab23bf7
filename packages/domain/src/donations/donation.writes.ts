import type { Database } from '@mch/db';
import type { Kysely } from 'kysely';
import { builder } from '../builder.js';
import { countryCode } from '../places/country.js';
import { QuantityQualifier } from '../shared/enums.js';
import { type FieldError, rejectIfInvalid } from '../shared/errors.js';
import { addCreateVerb } from '../writes/create-verb.js';
import { addCrud, idempotencyKeyDescription, recordPayload } from '../writes/crud.js';
import {
  descriptionField,
  type FieldSpecs,
  inputFields,
  type KeyLookup,
  reference,
  titleField,
  validate,
} from '../writes/fields.js';
import { insertRow } from '../writes/run.js';
import { Donation, DonationStatus, ItemCategory, ItemUnit } from './donation.js';

/** A donation's own fields, as updates change them and recording sets them. */
const donationFields: FieldSpecs = {
  title: titleField('What was given, in brief.'),
  description: descriptionField('The donation as the source reports it.'),
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

/** The rules across a donation's fields, over the values as they will be stored. */
function donationRules(values: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if ((values.value_amount == null) !== (values.value_currency == null)) {
    errors.push({
      path: ['input', 'valueCurrency'],
      message: '`valueAmount` and `valueCurrency` go together: give both or neither.',
    });
  }
  if (values.announced_on == null && values.delivered_on == null) {
    errors.push({
      path: ['input', 'announcedOn'],
      message: 'A donation needs `announcedOn` or `deliveredOn`.',
    });
  }
  return errors;
}

addCrud({
  name: 'Donation',
  field: 'donation',
  ref: Donation,
  table: 'donation',
  operations: ['update', 'delete'],
  fields: donationFields,
  check: (_db, values) => donationRules(values),
});

/** Recording a donation with its line items, in one transaction. */

/** What recording sets: the fields updates change, with the donation's parties. */
const recordFields: FieldSpecs = {
  ...donationFields,
  donorCountry: {
    kind: 'code',
    format: countryCode,
    column: 'donor_country_id',
    description: 'ISO code of the donor country.',
  },
  donorOrganisation: reference(
    'Organisation',
    'organisation',
    'donor_organisation_id',
    'The donor organisation.',
  ),
  recipientCountry: {
    kind: 'code',
    format: countryCode,
    column: 'recipient_country_id',
    description: 'ISO code of the recipient country.',
  },
  recipientOrganisation: reference(
    'Organisation',
    'organisation',
    'recipient_organisation_id',
    'The recipient organisation.',
  ),
  programme: reference('Programme', 'programme', 'programme_id', 'The programme it is part of.'),
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

/**
 * Checks a donation and its items as they are to be recorded; errors are placed under the
 * paths given (the mutation's input, or the rows of a spreadsheet).
 */
export async function checkDonation(
  trx: Kysely<Database>,
  fields: Record<string, unknown>,
  items: Array<Record<string, unknown>>,
  paths: { record: string[]; item: (index: number) => string[] },
  /** How codes and IDs are looked up: by default one statement each; an import reads its maps. */
  keyOf?: KeyLookup,
): Promise<{
  values: Record<string, unknown>;
  rows: Array<Record<string, unknown>>;
  errors: FieldError[];
}> {
  const { values, errors } = await validate(
    trx,
    recordFields,
    fields,
    'create',
    paths.record,
    keyOf,
  );
  if (items.length === 0)
    errors.push({
      path: [...paths.record, 'items'],
      message: 'A donation needs at least one line item.',
    });
  if (items.length > 200)
    errors.push({
      path: [...paths.record, 'items'],
      message: 'A donation holds at most 200 line items.',
    });
  const rows: Array<Record<string, unknown>> = [];
  for (const [i, item] of items.entries()) {
    const checked = await validate(trx, itemFields, item, 'create', paths.item(i), keyOf);
    errors.push(...checked.errors);
    if ((item.quantity == null) !== (item.unit == null)) {
      errors.push({
        path: [...paths.item(i), 'unit'],
        message: '`quantity` and `unit` go together: give both or neither.',
      });
    }
    rows.push({ ...checked.values, position: i });
  }
  // Whether a field was given at all: a given but wrong one has its own error already.
  if (fields.donorCountry == null && fields.donorOrganisation == null) {
    errors.push({
      path: [...paths.record, 'donorCountry'],
      message: 'Name the donor: `donorCountry` or `donorOrganisation`.',
    });
  }
  if (fields.recipientCountry == null && fields.recipientOrganisation == null) {
    errors.push({
      path: [...paths.record, 'recipientCountry'],
      message: 'Name the recipient: `recipientCountry` or `recipientOrganisation`.',
    });
  }
  errors.push(
    ...donationRules({
      announced_on: fields.announcedOn,
      delivered_on: fields.deliveredOn,
      value_amount: fields.valueAmount,
      value_currency: fields.valueCurrency,
    }).map((error) => ({ ...error, path: [...paths.record, ...error.path.slice(1)] })),
  );
  return { values, rows, errors };
}

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
    idempotencyKey: t.string({ description: idempotencyKeyDescription }),
  }),
});

const RecordDonationPayload = recordPayload('RecordDonationPayload', {
  field: 'donation',
  ref: Donation,
  description: 'The donation as stored.',
  fieldDescription: 'The donation, with its items.',
  replayed: true,
});

addCreateVerb({
  name: 'recordDonation',
  description: 'Records a donation with all its line items, or nothing of it.',
  input: RecordDonationInput,
  payload: RecordDonationPayload,
  ref: Donation,
  table: 'donation',
  create: async (trx, input) => {
    const { items, ...fields } = input;
    const { values, rows, errors } = await checkDonation(
      trx,
      fields as Record<string, unknown>,
      items as Array<Record<string, unknown>>,
      { record: ['input'], item: (i) => ['input', 'items', String(i)] },
    );
    rejectIfInvalid(errors);
    const id = await insertRow(trx, 'donation', values);
    await trx
      .insertInto('donation_item')
      .values(rows.map((row) => ({ ...row, donation_id: id })) as never)
      .execute();
    return { id, parts: { items: rows } };
  },
});
