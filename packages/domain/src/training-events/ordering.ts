import { sql } from 'kysely';
import { builder } from '../builder.js';
import type { Ordering } from '../query/index.js';
import { SortDirection } from '../shared/enums.js';

export const TrainingEventOrderField = builder.enumType('TrainingEventOrderField', {
  description: 'What a list of training events can be sorted by.',
  values: {
    START_DATE: {
      value: 'start_date',
      description: 'The start date. Events without a date count as the latest.',
    },
    PARTICIPANT_COUNT: {
      value: 'participant_count',
      description: 'The number of participants. Events without a count count as the fewest.',
    },
    TITLE: { value: 'title', description: 'The title, in code-point order.' },
  } as const,
});

export const TrainingEventOrder = builder.inputType('TrainingEventOrder', {
  description:
    'The order of a list of training events. Ties are broken by record, so it is stable.',
  fields: (t) => ({
    field: t.field({ type: TrainingEventOrderField, required: true, description: 'Sort by this.' }),
    direction: t.field({
      type: SortDirection,
      required: true,
      defaultValue: 'desc',
      description: 'Which end comes first.',
    }),
  }),
});

type Field = 'start_date' | 'participant_count' | 'title';

const firstKey = {
  start_date: { sql: sql`coalesce(training_event.start_date, 'infinity'::date)`, type: 'date' },
  participant_count: {
    sql: sql`coalesce(training_event.participant_count, -1)`,
    type: 'integer',
  },
  title: { sql: sql`training_event.title`, type: 'text' },
} as const;

/** Newest first, unless the client asks otherwise. */
export function trainingEventOrdering(
  order?: { field: Field; direction: 'asc' | 'desc' } | null,
): Ordering {
  const field = order?.field ?? 'start_date';
  const direction = order?.direction ?? 'desc';
  return {
    name: `training_event.${field}.${direction}`,
    keys: [firstKey[field], { sql: sql`training_event.id`, type: 'uuid' }],
    direction,
  };
}
