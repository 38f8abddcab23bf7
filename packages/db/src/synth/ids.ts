/**
 * Synthetic records get UUIDs that encode their table and their number: unique, the same on
 * every run, and recomputable from the number alone, so one table's generator can point at
 * another's rows without keeping them. The number leads (its low 32 bits), then the table,
 * then the whole number again: ids still sort in the order they were made, and they differ in
 * their first bytes, as `gen_random_uuid()` ids do. PostgreSQL sorts UUIDs by their first
 * eight bytes before the rest when it builds an index; ids that all began with their table's
 * prefix defeated that, and the indexes on foreign keys took a third longer to build.
 */
const prefixes = {
  subdivision: '5a0d',
  organisation: '0a60',
  person: '9e75',
  source: '50c0',
  topic: '70b1',
  agreement: 'a6e0',
  agreementParty: 'a6e1',
  programme: '9a0a',
  participation: '9a0b',
  target: '7a6e',
  event: 'e0e0',
  presenter: 'e0e1',
  eventParticipation: 'e0e2',
  participantGroup: 'e0e3',
  donation: 'd0a0',
  donationItem: 'd0a1',
  observation: '0b50',
} as const;

export type IdKind = keyof typeof prefixes;

export function syntheticId(kind: IdKind, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${hex.slice(4)}-${prefixes[kind]}-4000-8000-${hex}`;
}
