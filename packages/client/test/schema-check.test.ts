import { describe, expect, it } from 'vitest';
import { compareSchemas, formatReport } from '../scripts/schema-diff.js';

const before = `
  type Query { event(id: ID!): Event, events: [Event!]! }
  type Event { id: ID!, title: String!, oldTitle: String @deprecated(reason: "Use title."), format: Format! }
  enum Format { IN_PERSON TELECONFERENCE OLD @deprecated(reason: "Gone.") }
`;

const messages = (changes: Array<{ message: string }>) => changes.map((change) => change.message);

describe('the schema check', () => {
  it('reports a field removed without deprecation as an unannounced breaking change', async () => {
    const after = before.replace('title: String!, ', '');
    const report = await compareSchemas(before, after);
    expect(messages(report.unannounced)).toEqual([
      "Field 'title' was removed from object type 'Event'",
    ]);
  });

  it('accepts the removal of a field or enum value that was deprecated first', async () => {
    const after = before
      .replace(', oldTitle: String @deprecated(reason: "Use title.")', '')
      .replace(' OLD @deprecated(reason: "Gone.")', '');
    const report = await compareSchemas(before, after);
    expect(report.unannounced).toEqual([]);
    expect(messages(report.announced)).toEqual([
      "Field 'oldTitle' (deprecated) was removed from object type 'Event'",
      "Enum value 'OLD' (deprecated) was removed from enum 'Format'",
    ]);
  });

  it('calls a new enum value dangerous and a new field safe', async () => {
    const after = before
      .replace('TELECONFERENCE', 'TELECONFERENCE HYBRID')
      .replace('format: Format!', 'format: Format!, locality: String');
    const report = await compareSchemas(before, after);
    expect(report.unannounced).toEqual([]);
    expect(messages(report.dangerous)).toEqual(["Enum value 'HYBRID' was added to enum 'Format'"]);
    expect(messages(report.safe)).toEqual(["Field 'locality' was added to object type 'Event'"]);
    expect(formatReport(report, 'HEAD~1')).toBe(
      [
        'Schema changes since HEAD~1:',
        '',
        'Dangerous (1):',
        "  - Enum value 'HYBRID' was added to enum 'Format'",
        '',
        'Safe (1):',
        "  - Field 'locality' was added to object type 'Event'",
      ].join('\n'),
    );
  });

  it('reports a nullable field made required in an input as breaking', async () => {
    const old =
      'type Query { events(filter: Filter): [String!]! } input Filter { country: String }';
    const report = await compareSchemas(old, old.replace('country: String', 'country: String!'));
    expect(report.unannounced).toHaveLength(1);
    expect(report.unannounced[0]?.type).toBe('INPUT_FIELD_TYPE_CHANGED');
  });
});
