/**
 * Synthetic records get UUIDs that encode their table and their number: unique, the same on
 * every run, and recomputable from the number alone, so one table's generator can point at
 * another's rows without keeping them.
 */
const prefixes = {
  subdivision: '5a0d0000',
  organisation: '0a600000',
  person: '9e750000',
  source: '50c00000',
  topic: '70b10000',
  agreement: 'a6e00000',
  agreementParty: 'a6e10000',
  programme: '9a0a0000',
  participation: '9a0b0000',
  target: '7a6e0000',
  event: 'e0e00000',
  presenter: 'e0e10000',
  eventParticipation: 'e0e20000',
  participantGroup: 'e0e30000',
  donation: 'd0a00000',
  donationItem: 'd0a10000',
  observation: '0b500000',
} as const;

export type IdKind = keyof typeof prefixes;

export function syntheticId(kind: IdKind, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefixes[kind]}-0000-4000-8000-${hex}`;
}
