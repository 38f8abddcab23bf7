import {
  AgreementsOfCountryDocument,
  type AgreementsOfCountryQueryVariables,
  DonationsToCountryDocument,
  type DonationsToCountryQueryVariables,
  EventsInSubdivisionDocument,
  type EventsInSubdivisionQueryVariables,
  IndicatorSeriesDocument,
  type IndicatorSeriesQueryVariables,
  ProgrammesDocument,
  type ProgrammesQueryVariables,
} from './generated/graphql.js';

/** An example the playground opens as a tab: one of this package's operations, ready to run. */
export interface PlaygroundTab {
  query: string;
  variables: string;
}

const tab = <Variables>(document: { toString(): string }, variables: Variables): PlaygroundTab => ({
  query: document.toString().trim(),
  variables: JSON.stringify(variables, null, 2),
});

/** The questions integrators ask most, with variables that the seed data answers. */
export const playgroundTabs: readonly PlaygroundTab[] = [
  tab<EventsInSubdivisionQueryVariables>(EventsInSubdivisionDocument, {
    subdivision: 'UZ-QA',
    from: '2024-01-01',
    to: '2024-12-31',
  }),
  tab<DonationsToCountryQueryVariables>(DonationsToCountryDocument, { country: 'MZ' }),
  tab<IndicatorSeriesQueryVariables>(IndicatorSeriesDocument, {
    country: 'UZ',
    indicator: 'MDG_0000000026',
  }),
  tab<AgreementsOfCountryQueryVariables>(AgreementsOfCountryDocument, { country: 'UZ' }),
  tab<ProgrammesQueryVariables>(ProgrammesDocument, {}),
];
