import type { Target } from '@mch/db';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { narrative } from './iati-narratives.js';

/** IATI's result indicator titles for what our targets count; `other` is titled by the target. */
const METRIC_TITLES: Record<string, string> = {
  events_held: 'Training events held',
  participants_trained: 'People trained',
  medical_specialists_trained: 'Medical specialists trained',
  doctors_trained: 'Doctors trained',
  midwives_trained: 'Midwives trained',
  nurses_trained: 'Nurses trained',
  facilities_upgraded: 'Health facilities upgraded',
};

/** A target with its actual value: derived from the recorded events, else reported. */
export type TargetWithActual = Target & { actual: number | null };

/** A target with neither a value to reach nor an actual value says nothing an indicator can. */
export const isMeasured = (target: TargetWithActual) =>
  target.target_value != null || target.actual != null;

/**
 * One `result` per measured target: an output whose indicator (what the target counts) has its
 * baseline and one period, from the baseline date (else the programme's start) to the target
 * date (else the programme's end, else the day of the export), holding the target and the
 * actual value.
 */
export function writeResult(
  activity: XMLBuilder,
  target: TargetWithActual,
  programme: { start: string | null; end: string | null },
  today: string,
): void {
  const result = activity.ele('result', { type: '1', 'aggregation-status': '0' });
  narrative(result.ele('title'), target.description);
  const indicator = result.ele('indicator', { measure: '1', ascending: '1' });
  narrative(indicator.ele('title'), METRIC_TITLES[target.metric] ?? target.description);
  const from = target.baseline_date ?? programme.start ?? today;
  if (target.baseline_value != null) {
    indicator.ele('baseline', {
      year: from.slice(0, 4),
      ...(target.baseline_date ? { 'iso-date': target.baseline_date } : {}),
      value: String(target.baseline_value),
    });
  }
  const until = target.target_date ?? programme.end ?? today;
  const period = indicator.ele('period');
  period.ele('period-start', { 'iso-date': from });
  // Dates as text: the later of the two (a target date before the start ends where it starts).
  period.ele('period-end', { 'iso-date': [from, until].sort()[1]! });
  if (target.target_value != null) period.ele('target', { value: String(target.target_value) });
  if (target.actual != null) period.ele('actual', { value: String(target.actual) });
}
