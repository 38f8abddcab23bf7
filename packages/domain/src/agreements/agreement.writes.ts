import { builder } from '../builder.js';
import { countryCode } from '../places/country.js';
import { DatePrecision, QuantityQualifier } from '../shared/enums.js';
import { rejectIfInvalid } from '../shared/errors.js';
import { topicCode } from '../topics/topic.js';
import {
  languagesOfNewRecord,
  type TranslationsInput,
  translationInputFields,
} from '../translations/translations.writes.js';
import { addCreateVerb } from '../writes/create-verb.js';
import { addCrud, idempotencyKeyDescription, recordPayload } from '../writes/crud.js';
import {
  descriptionField,
  type FieldSpecs,
  inputFields,
  reference,
  titleField,
  validate,
  validateCodes,
  validateValue,
} from '../writes/fields.js';
import { insertRow } from '../writes/run.js';
import { Agreement, AgreementKind } from './agreement.js';

/** An agreement's own fields: as signing sets them and as updates change them. */
const agreementFields: FieldSpecs = {
  title: titleField(),
  description: descriptionField('What it covers.'),
  kind: {
    kind: 'enum',
    ref: AgreementKind,
    column: 'kind',
    required: true,
    description: 'Bilateral or multilateral.',
  },
  signedOn: {
    kind: 'date',
    column: 'signed_on',
    required: true,
    description: 'When it was signed.',
  },
  signedOnPrecision: {
    kind: 'enum',
    ref: DatePrecision,
    column: 'signed_on_precision',
    description: 'How precisely the date is known.',
  },
  declaredAreaCount: {
    kind: 'int',
    column: 'declared_area_count',
    min: 0,
    max: 100000,
    description: 'How many areas were declared, when more than are named.',
  },
  declaredAreaCountQualifier: {
    kind: 'enum',
    ref: QuantityQualifier,
    column: 'declared_area_count_qualifier',
    description: 'How that count was stated.',
  },
  signingEvent: reference(
    'TrainingEvent',
    'training_event',
    'signing_event_id',
    'The event it was signed at.',
  ),
};

addCrud({
  name: 'Agreement',
  field: 'agreement',
  ref: Agreement,
  table: 'agreement',
  operations: ['update', 'delete'],
  fields: agreementFields,
});

/** Signing an agreement: its parties and the areas it names, in one transaction. */

const partyCountry = {
  kind: 'code',
  format: countryCode,
  column: 'country_id',
  description: '',
} as const;
const partyOrganisation = reference('Organisation', 'organisation', 'organisation_id', '');

const PartyInput = builder.inputType('AgreementPartyInput', {
  description: 'A party: a country (its government) or an organisation; exactly one of them.',
  fields: (t) => ({
    country: t.string({ description: 'ISO 3166-1 alpha-2 code.' }),
    organisation: t.id({ description: 'The organisation.' }),
  }),
});

const SignAgreementInput = builder.inputType('SignAgreementInput', {
  description: 'An agreement, its parties and the areas of collaboration it names.',
  fields: (t) => ({
    ...inputFields(t, agreementFields, 'create'),
    ...translationInputFields(t, 'title', 'create'),
    parties: t.field({ type: [PartyInput], required: true, description: 'At least two parties.' }),
    areas: t.stringList({ description: 'Topic codes of the areas it names.' }),
    idempotencyKey: t.string({ description: idempotencyKeyDescription }),
  }),
});

const SignAgreementPayload = recordPayload('SignAgreementPayload', {
  field: 'agreement',
  ref: Agreement,
  description: 'The agreement as stored.',
  fieldDescription: 'The agreement.',
  replayed: true,
});

addCreateVerb({
  name: 'signAgreement',
  description: 'Records a signed agreement with its parties and areas, or nothing of it.',
  input: SignAgreementInput,
  payload: SignAgreementPayload,
  ref: Agreement,
  table: 'agreement',
  create: async (trx, input) => {
    const { parties, areas, originalLanguage, translations, ...fields } = input;
    const { values, errors } = await validate(
      trx,
      agreementFields,
      fields as Record<string, unknown>,
      'create',
    );
    const storeTranslations = await languagesOfNewRecord(
      trx,
      'agreement',
      { originalLanguage, translations } as TranslationsInput,
      values,
      errors,
    );
    const partyRows: Array<{ country_id: string | null; organisation_id: string | null }> = [];
    for (const [i, party] of parties.entries()) {
      const at = ['input', 'parties', String(i)];
      if ((party.country == null) === (party.organisation == null)) {
        errors.push({
          path: at,
          message: 'A party is a `country` or an `organisation`: give exactly one.',
        });
        continue;
      }
      const checked =
        party.country != null
          ? await validateValue(trx, partyCountry, party.country)
          : await validateValue(trx, partyOrganisation, party.organisation);
      if (checked.problem)
        errors.push({
          path: [...at, party.country != null ? 'country' : 'organisation'],
          message: `The party ${checked.problem}.`,
        });
      else
        partyRows.push({
          country_id: party.country != null ? (checked.value as string) : null,
          organisation_id: party.organisation != null ? (checked.value as string) : null,
        });
    }
    const distinct = new Set(partyRows.map((row) => row.country_id ?? row.organisation_id));
    if (distinct.size < 2)
      errors.push({
        path: ['input', 'parties'],
        message: 'An agreement needs at least two different parties.',
      });
    if (values.kind === 'bilateral' && distinct.size > 2)
      errors.push({
        path: ['input', 'kind'],
        message: 'A BILATERAL agreement has exactly two parties; use MULTILATERAL.',
      });
    const areaIds = await validateCodes(trx, topicCode, areas ?? [], errors, 'areas', 'area');
    rejectIfInvalid(errors);
    const id = await insertRow(trx, 'agreement', values);
    await storeTranslations(id);
    const uniqueParties = partyRows.filter(
      (row, i) =>
        partyRows.findIndex(
          (other) =>
            (other.country_id ?? other.organisation_id) === (row.country_id ?? row.organisation_id),
        ) === i,
    );
    await trx
      .insertInto('agreement_party')
      .values(uniqueParties.map((row) => ({ ...row, agreement_id: id })))
      .execute();
    if (areaIds.length)
      await trx
        .insertInto('agreement_area')
        .values(areaIds.map((topic_id) => ({ agreement_id: id, topic_id })))
        .execute();
    return { id, parts: { parties: uniqueParties, areas: areaIds } };
  },
});
