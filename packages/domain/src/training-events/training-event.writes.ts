import type { Context } from '../context.js';
import { countryCode } from '../places/country.js';
import { subdivisionCode, subdivisionOutsideCountry } from '../places/subdivision.js';
import { DatePrecision } from '../shared/enums.js';
import { addCrud, changeRecord, recordPayload } from '../writes/crud.js';
import {
  descriptionField,
  type FieldSpecs,
  precisionField,
  reference,
  titleField,
} from '../writes/fields.js';
import { TrainingEvent, TrainingFormat } from './training-event.js';

export const trainingEventFields: FieldSpecs = {
  title: titleField(),
  description: descriptionField(),
  format: {
    kind: 'enum',
    ref: TrainingFormat,
    column: 'format',
    required: true,
    description: 'How it is delivered.',
  },
  startDate: { kind: 'date', column: 'start_date', description: 'When it starts or started.' },
  startDatePrecision: precisionField(DatePrecision, 'start_date'),
  durationMinutes: {
    kind: 'int',
    column: 'duration_minutes',
    min: 1,
    max: 525600,
    description: 'How long, in minutes.',
  },
  locality: { kind: 'text', column: 'locality', max: 200, description: 'The city or town.' },
  programme: reference('Programme', 'programme', 'programme_id', 'The programme (series).'),
  hostOrganisation: reference(
    'Organisation',
    'organisation',
    'host_organisation_id',
    'The host institution.',
  ),
  country: {
    kind: 'code',
    format: countryCode,
    column: 'country_id',
    required: true,
    description: 'ISO 3166-1 alpha-2 code of the country.',
  },
  subdivision: {
    kind: 'code',
    format: subdivisionCode,
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
  check: (db, values) => subdivisionOutsideCountry(db, values),
});

/** What the verbs of an event answer with. */
export const TrainingEventPayload = recordPayload('TrainingEventPayload', {
  field: 'trainingEvent',
  ref: TrainingEvent,
  description: 'The training event as the mutation left it.',
  fieldDescription: 'The event, as it is now.',
  replayed: true,
});

/** The input fields every verb on an existing event takes. */
export const eventVersionFields = {
  id: { required: true, description: 'The event.' },
  expectedVersion: { required: true, description: 'The `version` you last read.' },
} as const;

/** Runs a verb on an existing event, at the version the client read, in one transaction. */
export function changeEvent(
  ctx: Context,
  input: { id: string; expectedVersion: number },
  change: Parameters<typeof changeRecord>[3],
): Promise<{ id: string }> {
  return changeRecord(
    ctx,
    { name: 'TrainingEvent', table: 'training_event', ref: TrainingEvent },
    input,
    change,
  );
}
