import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** The changes between two versions of the schema, sorted by how they affect clients. */
export interface SchemaReport {
  /** Breaking changes that no deprecation announced: clients break without warning. */
  unannounced: Change[];
  /** Removals of fields and values that were deprecated first, as the policy asks. */
  announced: Change[];
  /** Changes that may change the behaviour of existing clients (a new enum value, say). */
  dangerous: Change[];
  /** Additions and description changes. */
  safe: Change[];
}

/**
 * A breaking change is announced when what it removes was deprecated in the old schema:
 * clients were told and had a release to move.
 */
function announced(change: Change): boolean {
  switch (change.type) {
    case 'FIELD_REMOVED':
      return change.meta.isRemovedFieldDeprecated === true;
    case 'ENUM_VALUE_REMOVED':
      return change.meta.isEnumValueDeprecated === true;
    case 'INPUT_FIELD_REMOVED':
      return change.meta.isInputFieldDeprecated === true;
    default:
      return false;
  }
}

export async function compareSchemas(oldSdl: string, newSdl: string): Promise<SchemaReport> {
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  const report: SchemaReport = { unannounced: [], announced: [], dangerous: [], safe: [] };
  for (const change of changes) {
    if (change.criticality.level === CriticalityLevel.Breaking) {
      (announced(change) ? report.announced : report.unannounced).push(change);
    } else if (change.criticality.level === CriticalityLevel.Dangerous) {
      report.dangerous.push(change);
    } else {
      report.safe.push(change);
    }
  }
  return report;
}

export function formatReport(report: SchemaReport, ref: string): string {
  const section = (title: string, changes: Change[]) =>
    changes.length === 0
      ? []
      : [`${title} (${changes.length}):`, ...changes.map((change) => `  - ${change.message}`), ''];
  const lines = [
    `Schema changes since ${ref}:`,
    '',
    ...section('Breaking, not announced by a deprecation', report.unannounced),
    ...section('Breaking, announced by a deprecation', report.announced),
    ...section('Dangerous', report.dangerous),
    ...section('Safe', report.safe),
  ];
  const total =
    report.unannounced.length +
    report.announced.length +
    report.dangerous.length +
    report.safe.length;
  if (total === 0) lines.push('No changes.');
  return lines.join('\n').trimEnd();
}
