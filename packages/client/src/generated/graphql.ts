/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How many parties an agreement binds. */
export type AgreementKind =
  /** Between two parties. */
  | 'BILATERAL'
  /** Between three or more parties. */
  | 'MULTILATERAL';

/** How precisely a date is known. A date known only to the month is stored as the first of that month. */
export type DatePrecision =
  /** The exact day is known. */
  | 'DAY'
  /** Only the month is known. */
  | 'MONTH'
  /** Only the year is known. */
  | 'YEAR';

/** Whether a donation was only promised or has been handed over. */
export type DonationStatus =
  /** Handed over to the recipient. */
  | 'DELIVERED'
  /** Promised, not yet handed over. */
  | 'PLEDGED';

/** What kind of goods a donation line item is. */
export type ItemCategory =
  /** Medical equipment. */
  | 'EQUIPMENT'
  /** Medical or protective masks. */
  | 'MASKS'
  /** Medicines and vaccines. */
  | 'MEDICINES'
  /** Other goods; the description says what. */
  | 'OTHER'
  /** Protective clothing: gowns, coveralls, gloves. */
  | 'PROTECTIVE_CLOTHING'
  /** Diagnostic test kits. */
  | 'TEST_KITS';

/** The unit a line item is counted in. */
export type ItemUnit =
  /** Boxes. */
  | 'BOX'
  /** Doses. */
  | 'DOSE'
  /** Kits. */
  | 'KIT'
  /** Packs. */
  | 'PACK'
  /** Single pieces, such as masks. */
  | 'PIECE'
  /** Sets, such as sets of testing kits or of protective clothing. */
  | 'SET'
  /** Units of equipment. */
  | 'UNIT';

/** How an indicator value was produced. */
export type ObservationMethod =
  /** A modelled estimate, such as those of the UN inter-agency groups. */
  | 'MODELLED_ESTIMATE'
  /** Reported by national authorities, from surveys or administrative records. */
  | 'NATIONAL_REPORT';

/** The part an organisation plays in a programme or an event: the IATI organisation roles 1 to 4, plus host and beneficiary. */
export type OrganisationRole =
  /** IATI role 2: answers for the activity and its outcomes. */
  | 'ACCOUNTABLE'
  /** The institution the activity serves. */
  | 'BENEFICIARY'
  /** IATI role 3: manages and coordinates the activity on behalf of the funder. */
  | 'EXTENDING'
  /** IATI role 1: provides the funds. */
  | 'FUNDING'
  /** The institution where an event takes place. */
  | 'HOST'
  /** IATI role 4: carries the activity out, for example by sending its experts. */
  | 'IMPLEMENTING';

/** The part a presenter plays at an event. */
export type PresenterRole =
  /** Organises the exchange. */
  | 'COORDINATOR'
  /** Trains or lectures: the expert the event is for. */
  | 'EXPERT'
  /** Chairs the session. */
  | 'MODERATOR'
  /** Gives remarks, such as a director or a diplomat. */
  | 'SPEAKER';

/** The IATI activity status of a programme. */
export type ProgrammeStatus =
  /** IATI 5: stopped before completion. */
  | 'CANCELLED'
  /** IATI 4: finished and closed. */
  | 'CLOSED'
  /** IATI 3: activities done, being closed out. */
  | 'FINALISATION'
  /** IATI 2: under way. */
  | 'IMPLEMENTATION'
  /** IATI 1: being scoped or planned. */
  | 'PIPELINE'
  /** IATI 6: on hold. */
  | 'SUSPENDED';

/** How a number was stated by its source. */
export type QuantityQualifier =
  /** "About" the number: around it, either side. */
  | 'ABOUT'
  /** The number as stated, without qualification. */
  | 'EXACT'
  /** "More than" or "over" the number. */
  | 'MORE_THAN'
  /** "Nearly" the number: somewhat below it. */
  | 'NEARLY';

/** What a target counts. */
export type TargetMetric =
  /** Doctors trained. */
  | 'DOCTORS_TRAINED'
  /** Training events held. */
  | 'EVENTS_HELD'
  /** Health facilities (such as maternity wards) upgraded. */
  | 'FACILITIES_UPGRADED'
  /** Medical specialists trained. */
  | 'MEDICAL_SPECIALISTS_TRAINED'
  /** Midwives trained. */
  | 'MIDWIVES_TRAINED'
  /** Nurses trained. */
  | 'NURSES_TRAINED'
  /** Anything else; the description says what. */
  | 'OTHER'
  /** People trained, of any profession. */
  | 'PARTICIPANTS_TRAINED';

/** How a training event is delivered. */
export type TrainingFormat =
  /** Some in the room, some connected from afar. */
  | 'HYBRID'
  /** Trainers and participants in one room. */
  | 'IN_PERSON'
  /** Trainers connect from afar by video or telephone. */
  | 'TELECONFERENCE';

/** Where a training event stands. */
export type TrainingStatus =
  /** Called off. */
  | 'CANCELLED'
  /** It took place. */
  | 'COMPLETED'
  /** Announced; it has not taken place yet. */
  | 'PLANNED'
  /** Moved to a later, perhaps unknown, date. */
  | 'POSTPONED';

export type AgreementsOfCountryQueryVariables = Exact<{
  country: string;
}>;


export type AgreementsOfCountryQuery = { agreements: { totalCount: number, nodes: Array<{ id: string, title: string, kind: AgreementKind, signedOn: string | null, signedOnPrecision: DatePrecision, declaredAreaCount: number | null, declaredAreaCountQualifier: QuantityQualifier, parties: { nodes: Array<{ country: { code: string, name: string } | null, organisation: { name: string } | null }> }, areas: { nodes: Array<{ code: string, name: string }> }, signingEvent: { title: string, locality: string | null } | null }> } };

export type DonationsToCountryQueryVariables = Exact<{
  country: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DonationsToCountryQuery = { donations: { totalCount: number, nodes: Array<{ id: string, title: string, status: DonationStatus, announcedOn: string | null, deliveredOn: string | null, donorCountry: { code: string, name: string } | null, donorOrganisation: { name: string } | null, items: { nodes: Array<{ category: ItemCategory, description: string, quantity: number | null, quantityQualifier: QuantityQualifier, unit: ItemUnit | null }> }, sources: { nodes: Array<{ title: string, publisher: string | null, publishedOn: string | null, url: string | null }> } }> } };

export type EventsInSubdivisionQueryVariables = Exact<{
  subdivision: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EventsInSubdivisionQuery = { trainingEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, startDate: string | null, startDatePrecision: DatePrecision, format: TrainingFormat, status: TrainingStatus, participantCount: number | null, durationHours: number | null, locality: string | null, hostOrganisation: { id: string, name: string } | null, presenters: { nodes: Array<{ role: PresenterRole, profession: string | null, person: { name: string } | null, organisation: { name: string, country: { code: string } | null } | null }> }, topics: { nodes: Array<{ code: string, name: string }> } }> } };

export type IndicatorSeriesQueryVariables = Exact<{
  country: string;
  indicator: string;
}>;


export type IndicatorSeriesQuery = { country: { code: string, name: string, indicatorObservations: { nodes: Array<{ year: number, period: string | null, value: number, lowerBound: number | null, upperBound: number | null, method: ObservationMethod, estimateRound: string | null, indicator: { code: string, name: string, unit: string }, source: { title: string, publisher: string | null } }> } } | null };

export type ProgrammeQueryVariables = Exact<{
  id: string | number;
}>;


export type ProgrammeQuery = { node:
    | { id: string, title: string, description: string | null, status: ProgrammeStatus, startDate: string | null, startDatePrecision: DatePrecision, agreement: { title: string } | null, organisations: { nodes: Array<{ role: OrganisationRole, organisation: { name: string } }> }, targetSubdivisions: { nodes: Array<{ subdivision: { code: string, name: string } }> }, targets: { nodes: Array<{ metric: TargetMetric, description: string, baselineValue: number | null, targetValue: number | null, reportedValue: number | null }> }, trainingEvents: { totalCount: number, nodes: Array<{ title: string, status: TrainingStatus, startDate: string | null, participantCount: number | null, subdivision: { code: string } | null }> } }
    | Record<PropertyKey, never>
   | null };

export type ProgrammesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProgrammesQuery = { programmes: { totalCount: number, nodes: Array<{ id: string, title: string, status: ProgrammeStatus }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AgreementsOfCountryDocument = new TypedDocumentString(`
    query AgreementsOfCountry($country: String!) {
  agreements(filter: {party: $country}) {
    totalCount
    nodes {
      id
      title
      kind
      signedOn
      signedOnPrecision
      declaredAreaCount
      declaredAreaCountQualifier
      parties {
        nodes {
          country {
            code
            name
          }
          organisation {
            name
          }
        }
      }
      areas {
        nodes {
          code
          name
        }
      }
      signingEvent {
        title
        locality
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgreementsOfCountryQuery, AgreementsOfCountryQueryVariables>;
export const DonationsToCountryDocument = new TypedDocumentString(`
    query DonationsToCountry($country: String!, $first: Int = 20, $after: String) {
  donations(
    filter: {recipientCountries: [$country]}
    first: $first
    after: $after
  ) {
    totalCount
    nodes {
      id
      title
      status
      announcedOn
      deliveredOn
      donorCountry {
        code
        name
      }
      donorOrganisation {
        name
      }
      items {
        nodes {
          category
          description
          quantity
          quantityQualifier
          unit
        }
      }
      sources {
        nodes {
          title
          publisher
          publishedOn
          url
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DonationsToCountryQuery, DonationsToCountryQueryVariables>;
export const EventsInSubdivisionDocument = new TypedDocumentString(`
    query EventsInSubdivision($subdivision: String!, $from: Date, $to: Date, $first: Int = 20, $after: String) {
  trainingEvents(
    filter: {subdivisions: [$subdivision], startDate: {from: $from, to: $to}}
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      title
      startDate
      startDatePrecision
      format
      status
      participantCount
      durationHours
      locality
      hostOrganisation {
        id
        name
      }
      presenters {
        nodes {
          role
          profession
          person {
            name
          }
          organisation {
            name
            country {
              code
            }
          }
        }
      }
      topics {
        nodes {
          code
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EventsInSubdivisionQuery, EventsInSubdivisionQueryVariables>;
export const IndicatorSeriesDocument = new TypedDocumentString(`
    query IndicatorSeries($country: String!, $indicator: String!) {
  country(code: $country) {
    code
    name
    indicatorObservations(filter: {indicators: [$indicator]}, first: 100) {
      nodes {
        year
        period
        value
        lowerBound
        upperBound
        method
        estimateRound
        indicator {
          code
          name
          unit
        }
        source {
          title
          publisher
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IndicatorSeriesQuery, IndicatorSeriesQueryVariables>;
export const ProgrammeDocument = new TypedDocumentString(`
    query Programme($id: ID!) {
  node(id: $id) {
    ... on Programme {
      id
      title
      description
      status
      startDate
      startDatePrecision
      agreement {
        title
      }
      organisations {
        nodes {
          role
          organisation {
            name
          }
        }
      }
      targetSubdivisions {
        nodes {
          subdivision {
            code
            name
          }
        }
      }
      targets {
        nodes {
          metric
          description
          baselineValue
          targetValue
          reportedValue
        }
      }
      trainingEvents(orderBy: {field: START_DATE, direction: ASC}, first: 100) {
        totalCount
        nodes {
          title
          status
          startDate
          participantCount
          subdivision {
            code
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammeQuery, ProgrammeQueryVariables>;
export const ProgrammesDocument = new TypedDocumentString(`
    query Programmes($first: Int = 20, $after: String) {
  programmes(first: $first, after: $after) {
    totalCount
    nodes {
      id
      title
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammesQuery, ProgrammesQueryVariables>;