import { subdivisionCode } from '../places/subdivision.js';
import { addCrud } from '../writes/crud.js';
import { datesInOrder, type FieldSpec, reference } from '../writes/fields.js';
import { Target, TargetMetric } from './target.js';

const amount = (column: string, description: string): FieldSpec => ({
  kind: 'float',
  column,
  min: 0,
  max: 1e12,
  description,
});

/** Targets are created, changed and deleted through the generic mutations. */
addCrud({
  name: 'Target',
  field: 'target',
  ref: Target,
  table: 'target',
  operations: ['create', 'update', 'delete'],
  fields: {
    programme: reference(
      'Programme',
      'programme',
      'programme_id',
      'The programme setting the target.',
      true,
    ),
    subdivision: {
      kind: 'code',
      format: subdivisionCode,
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
    baselineValue: amount('baseline_value', 'The value at the start.'),
    baselineDate: {
      kind: 'date',
      column: 'baseline_date',
      description: 'When the baseline was measured.',
    },
    targetValue: amount('target_value', 'The value to reach.'),
    targetDate: { kind: 'date', column: 'target_date', description: 'When it is to be reached.' },
    reportedValue: amount('reported_value', 'Progress reported by the programme.'),
    reportedOn: { kind: 'date', column: 'reported_on', description: 'When it was reported.' },
  },
  check: (_db, values) => datesInOrder(values, 'baseline_date', 'target_date', 'targetDate'),
});
