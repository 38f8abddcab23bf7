import { DatePrecision } from '../shared/enums.js';
import { addCrud } from '../writes/crud.js';
import {
  datesInOrder,
  descriptionField,
  precisionField,
  reference,
  titleField,
} from '../writes/fields.js';
import { Programme, ProgrammeStatus } from './programme.js';

/** Programmes are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Programme',
  field: 'programme',
  ref: Programme,
  table: 'programme',
  operations: ['create', 'update', 'delete'],
  fields: {
    title: titleField(),
    description: descriptionField(),
    status: {
      kind: 'enum',
      ref: ProgrammeStatus,
      column: 'status',
      required: true,
      description: 'IATI activity status.',
    },
    startDate: { kind: 'date', column: 'start_date', description: 'When it started.' },
    startDatePrecision: precisionField(DatePrecision, 'start_date'),
    endDate: { kind: 'date', column: 'end_date', description: 'When it ended or is to end.' },
    agreement: reference(
      'Agreement',
      'agreement',
      'agreement_id',
      'The agreement it is carried out under.',
    ),
    iatiIdentifier: {
      kind: 'text',
      column: 'iati_identifier',
      max: 150,
      description: 'IATI activity identifier.',
    },
  },
  check: (_db, values) => datesInOrder(values, 'start_date', 'end_date', 'endDate'),
});
