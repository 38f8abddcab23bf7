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

/** What happened to the record. */
export type ChangeOperation =
  /** It was created. */
  | 'CREATE'
  /** It was deleted; `record` is null. */
  | 'DELETE'
  /** It, or a part of it (a topic of an event, an item of a donation), changed. */
  | 'UPDATE';

/** How precisely a date is known. A date known only to the month is stored as the first of that month. */
export type DatePrecision =
  /** The exact day is known. */
  | 'DAY'
  /** Only the month is known. */
  | 'MONTH'
  /** Only the year is known. */
  | 'YEAR';

/** An inclusive range of calendar dates; either end may be left open. */
export type DateRange = {
  /** The first day included. */
  from?: string | null | undefined;
  /** The last day included. */
  to?: string | null | undefined;
};

/** One line of a donation. */
export type DonationItemInput = {
  /** What kind of goods. */
  category: ItemCategory;
  /** The goods, such as `Medical masks`. */
  description: string;
  /** How many, in `unit`. */
  quantity?: number | null | undefined;
  /** How the quantity was stated (EXACT when left out). */
  quantityQualifier?: QuantityQualifier | null | undefined;
  /** The unit of `quantity`. */
  unit?: ItemUnit | null | undefined;
};

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

/** The profession of a group of trainees. */
export type ParticipantCategory =
  /** Doctors. */
  | 'DOCTOR'
  /** Medical specialists, not broken down further. */
  | 'MEDICAL_SPECIALIST'
  /** Midwives. */
  | 'MIDWIFE'
  /** Nurses. */
  | 'NURSE'
  /** Anyone else; the description says who. */
  | 'OTHER';

/** Trainees of one profession and their number. */
export type ParticipantGroupInput = {
  /** Their profession. */
  category: ParticipantCategory;
  /** How many took part. */
  count: number;
  /** Who they were, such as `Midwives of the regional perinatal centre`. */
  description: string;
  /** Where they came from, when from one organisation. */
  organisation?: string | number | null | undefined;
};

/** An organisation taking part, in one role. */
export type ParticipationInput = {
  /** The organisation. */
  organisation: string | number;
  /** Its role. */
  role: OrganisationRole;
};

/** A presenter: a named person, or the experts of an organisation. */
export type PresenterInput = {
  /** The organisation they come from. */
  organisation?: string | number | null | undefined;
  /** The person, when named. */
  person?: string | number | null | undefined;
  /** Their profession, such as `Obstetrician`. */
  profession?: string | null | undefined;
  /** The part they play. */
  role: PresenterRole;
};

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

/** A donation and its line items. */
export type RecordDonationInput = {
  /** When it was announced. */
  announcedOn?: string | null | undefined;
  /** When it was handed over. */
  deliveredOn?: string | null | undefined;
  /** The donation as the source reports it. */
  description?: string | null | undefined;
  /** ISO code of the donor country. */
  donorCountry?: string | null | undefined;
  /** The donor organisation. */
  donorOrganisation?: string | number | null | undefined;
  /** Any unique string, such as a UUID. A retry with the same key and input creates nothing new and answers with the first record. */
  idempotencyKey?: string | null | undefined;
  /** Its line items, at least one. */
  items: Array<DonationItemInput>;
  /** The programme it is part of. */
  programme?: string | number | null | undefined;
  /** ISO code of the recipient country. */
  recipientCountry?: string | null | undefined;
  /** The recipient organisation. */
  recipientOrganisation?: string | number | null | undefined;
  /** Pledged or delivered. */
  status: DonationStatus;
  /** What was given, in brief. */
  title: string;
  /** Declared value, with `valueCurrency`. */
  valueAmount?: string | null | undefined;
  /** ISO 4217 currency of the value. */
  valueCurrency?: string | null | undefined;
};

/** What came of an event: it becomes COMPLETED. */
export type RecordTrainingOutcomeInput = {
  /** How long it lasted, in minutes. */
  durationMinutes?: number | null | undefined;
  /** The `version` you last read. */
  expectedVersion: number;
  /** The event. */
  id: string | number;
  /** What came of it: feedback, results. */
  outcomeSummary?: string | null | undefined;
  /** How many were trained. */
  participantCount: number;
  /** The trainees by profession; their counts may not add up to more than `participantCount`. Replaces any recorded before. */
  participantGroups?: Array<ParticipantGroupInput> | null | undefined;
  /** When it took place, if not recorded yet. */
  startDate?: string | null | undefined;
};

/** A training event to plan: its status is PLANNED until its outcome is recorded. */
export type ScheduleTrainingEventInput = {
  /** ISO 3166-1 alpha-2 code of the country. */
  country: string;
  /** What is to happen. */
  description?: string | null | undefined;
  /** How long, in minutes. */
  durationMinutes?: number | null | undefined;
  /** How it is delivered. */
  format: TrainingFormat;
  /** The host institution. */
  hostOrganisation?: string | number | null | undefined;
  /** Any unique string, such as a UUID. A retry with the same key and input creates nothing new and answers with the first record. */
  idempotencyKey?: string | null | undefined;
  /** The city or town. */
  locality?: string | null | undefined;
  /** The language the title is written in, as a BCP 47 tag such as `en` or `pt` (English when left out). */
  originalLanguage?: string | null | undefined;
  /** Organisations taking part. */
  participatingOrganisations?: Array<ParticipationInput> | null | undefined;
  /** Who is to present, in order. */
  presenters?: Array<PresenterInput> | null | undefined;
  /** The programme (series). */
  programme?: string | number | null | undefined;
  /** When it is to start, once known. */
  startDate?: string | null | undefined;
  /** How precisely the date is known (DAY when left out on creation). */
  startDatePrecision?: DatePrecision | null | undefined;
  /** ISO 3166-2 code of the subdivision, once known. */
  subdivision?: string | null | undefined;
  /** Its title. */
  title: string;
  /** Topic codes, such as `obstetrics`. */
  topics?: Array<string> | null | undefined;
  /** The title in other languages, one per language. */
  translations?: Array<TranslationInput> | null | undefined;
};

/** The direction of a sort. */
export type SortDirection =
  /** Smallest, earliest or A first. */
  | 'ASC'
  /** Largest, latest or Z first. */
  | 'DESC';

/** What kind of publication a source is. */
export type SourceKind =
  /** A news report. */
  | 'NEWS_ARTICLE'
  /** A document of a government or an international body. */
  | 'OFFICIAL_DOCUMENT'
  /** Anything else. */
  | 'OTHER'
  /** A report or study. */
  | 'REPORT'
  /** A statistical database, such as the WHO Global Health Observatory. */
  | 'STATISTICAL_DATABASE';

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

/** Narrows a list of training events. All given conditions must hold; a list matches any of its values. */
export type TrainingEventFilter = {
  /** ISO 3166-1 alpha-2 codes of the countries where events took place. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  countries?: Array<string> | null | undefined;
  /** Delivery formats. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  formats?: Array<TrainingFormat> | null | undefined;
  /** False for only the events whose subdivision is not yet known; true for the others. */
  hasSubdivision?: boolean | null | undefined;
  /** IDs of host organisations. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  hostOrganisations?: Array<string | number> | null | undefined;
  /** IDs of organisations taking part in any role, host included. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  participatingOrganisations?: Array<string | number> | null | undefined;
  /** IDs of the programmes (series) events belong to. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  programmes?: Array<string | number> | null | undefined;
  /** Words the title, place, description or outcome must contain (full-text, web search syntax). */
  search?: string | null | undefined;
  /** The range the start date falls in. Events without a date never match. */
  startDate?: DateRange | null | undefined;
  /** Statuses. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  statuses?: Array<TrainingStatus> | null | undefined;
  /** ISO 3166-2 codes of the subdivisions where events took place. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  subdivisions?: Array<string> | null | undefined;
  /** Topic codes; an event matches a topic or any topic below it. A record matches any of the values; an empty list matches nothing; left out or null, no condition. */
  topics?: Array<string> | null | undefined;
  /** Only the records created or changed at or after this time (their `updatedAt`). */
  updatedSince?: string | null | undefined;
};

/** The order of a list of training events. Ties are broken by record, so it is stable. */
export type TrainingEventOrder = {
  /** Which end comes first. */
  direction?: SortDirection;
  /** Sort by this. */
  field: TrainingEventOrderField;
};

/** What a list of training events can be sorted by. */
export type TrainingEventOrderField =
  /** The number of participants. Events without a count count as the fewest. */
  | 'PARTICIPANT_COUNT'
  /** The start date. Events without a date count as the latest. */
  | 'START_DATE'
  /** The title, in code-point order. */
  | 'TITLE';

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

/** A name or title in one more language. */
export type TranslationInput = {
  /** A BCP 47 language tag, such as `pt`, `pt-MZ`, `ru` or `uz-Cyrl`. */
  language: string;
  /** The source this translation is taken from. */
  source?: string | number | null | undefined;
  /** The name or title in that language. */
  text: string;
};

export type AgreementsOfCountryQueryVariables = Exact<{
  country: string;
}>;


export type AgreementsOfCountryQuery = { agreements: { totalCount: number, nodes: Array<{ id: string, title: string, kind: AgreementKind, signedOn: string | null, signedOnPrecision: DatePrecision, declaredAreaCount: number | null, declaredAreaCountQualifier: QuantityQualifier, parties: { nodes: Array<{ country: { code: string, name: string } | null, organisation: { name: string } | null }> }, areas: { nodes: Array<{ code: string, name: string }> }, signingEvent: { title: string, locality: string | null } | null }> } };

export type TrainingEventChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type TrainingEventChangesQuery = { changes: { nodes: Array<{ operation: ChangeOperation, recordId: string, changedAt: string, record:
        | { id: string, title: string, status: TrainingStatus, startDate: string | null, participantCount: number | null, country: { code: string } }
        | Record<PropertyKey, never>
       | null }>, pageInfo: { endCursor: string, hasNextPage: boolean } } };

export type DashboardOverviewQueryVariables = Exact<{
  filter?: TrainingEventFilter | null | undefined;
}>;


export type DashboardOverviewQuery = { trainingStatistics: { eventCount: number, participantCount: number, trainingHours: number }, countries: { groups: Array<{ eventCount: number, country: { code: string, name: string } | null }> }, agreements: { totalCount: number }, donationStatistics: { donationCount: number, groups: Array<{ unit: ItemUnit | null, quantity: number | null, approximate: boolean, itemCount: number }> } };

export type DashboardEventsQueryVariables = Exact<{
  filter?: TrainingEventFilter | null | undefined;
  orderBy?: TrainingEventOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardEventsQuery = { trainingEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, startDate: string | null, startDatePrecision: DatePrecision, format: TrainingFormat, status: TrainingStatus, participantCount: number | null, locality: string | null, country: { code: string, name: string }, subdivision: { code: string, name: string } | null }> } };

export type DashboardEventQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardEventQuery = { node:
    | { __typename: 'Agreement' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Country' }
    | { __typename: 'Donation' }
    | { __typename: 'DonationItem' }
    | { __typename: 'Indicator' }
    | { __typename: 'IndicatorObservation' }
    | { __typename: 'Organisation' }
    | { __typename: 'Person' }
    | { __typename: 'Programme' }
    | { __typename: 'Source' }
    | { __typename: 'Subdivision' }
    | { __typename: 'Target' }
    | { __typename: 'Topic' }
    | { __typename: 'TrainingEvent', id: string, title: string, description: string | null, outcomeSummary: string | null, startDate: string | null, startDatePrecision: DatePrecision, format: TrainingFormat, status: TrainingStatus, participantCount: number | null, durationHours: number | null, locality: string | null, country: { code: string, name: string }, subdivision: { code: string, name: string } | null, hostOrganisation: { id: string, name: string } | null, presenters: { nodes: Array<{ role: PresenterRole, profession: string | null, person: { name: string } | null, organisation: { name: string, country: { code: string, name: string } | null } | null }> }, topics: { nodes: Array<{ code: string, name: string }> }, sources: { nodes: Array<{ id: string, title: string, publisher: string | null, publishedOn: string | null, url: string | null, kind: SourceKind }> } }
   | null };

export type DashboardChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type DashboardChangesQuery = { changes: { nodes: Array<{ changedAt: string }>, pageInfo: { endCursor: string, hasNextPage: boolean } } };

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

type WriteErrors_ConflictError_Fragment = { __typename: 'ConflictError', currentVersion: number | null, code: string, message: string };

type WriteErrors_ImportRejectedError_Fragment = { __typename: 'ImportRejectedError', code: string, message: string };

type WriteErrors_NotFoundError_Fragment = { __typename: 'NotFoundError', code: string, message: string };

type WriteErrors_UpstreamError_Fragment = { __typename: 'UpstreamError', code: string, message: string };

type WriteErrors_ValidationError_Fragment = { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ path: Array<string>, message: string }> };

export type WriteErrorsFragment =
  | WriteErrors_ConflictError_Fragment
  | WriteErrors_ImportRejectedError_Fragment
  | WriteErrors_NotFoundError_Fragment
  | WriteErrors_UpstreamError_Fragment
  | WriteErrors_ValidationError_Fragment
;

export type ScheduleTrainingEventMutationVariables = Exact<{
  input: ScheduleTrainingEventInput;
}>;


export type ScheduleTrainingEventMutation = { scheduleTrainingEvent:
    | { __typename: 'ConflictError', currentVersion: number | null, code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'TrainingEventPayload', replayed: boolean, trainingEvent: { id: string, title: string, status: TrainingStatus, version: number } }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export type RecordTrainingOutcomeMutationVariables = Exact<{
  input: RecordTrainingOutcomeInput;
}>;


export type RecordTrainingOutcomeMutation = { recordTrainingOutcome:
    | { __typename: 'ConflictError', currentVersion: number | null, code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'TrainingEventPayload', trainingEvent: { id: string, status: TrainingStatus, participantCount: number | null, version: number } }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export type RecordDonationMutationVariables = Exact<{
  input: RecordDonationInput;
}>;


export type RecordDonationMutation = { recordDonation:
    | { __typename: 'ConflictError', currentVersion: number | null, code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RecordDonationPayload', replayed: boolean, donation: { id: string, title: string, status: DonationStatus, items: { totalCount: number } } }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

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
export const WriteErrorsFragmentDoc = new TypedDocumentString(`
    fragment WriteErrors on Error {
  __typename
  code
  message
  ... on ValidationError {
    fieldErrors {
      path
      message
    }
  }
  ... on ConflictError {
    currentVersion
  }
}
    `, {"fragmentName":"WriteErrors"}) as unknown as TypedDocumentString<WriteErrorsFragment, unknown>;
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
    `, {"hash":"sha256:5c6a9dee3f10066fcc77dea0da098407b901610a462aeffa47e62c45abc61e38"}) as unknown as TypedDocumentString<AgreementsOfCountryQuery, AgreementsOfCountryQueryVariables>;
export const TrainingEventChangesDocument = new TypedDocumentString(`
    query TrainingEventChanges($after: String, $first: Int) {
  changes(after: $after, first: $first, types: [TRAINING_EVENT]) {
    nodes {
      operation
      recordId
      changedAt
      record {
        ... on TrainingEvent {
          id
          title
          status
          startDate
          participantCount
          country {
            code
          }
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:eb66f5bd71fe03d43f497b62819058164a7f0e6ad3e8af1da9bb369a03730a18"}) as unknown as TypedDocumentString<TrainingEventChangesQuery, TrainingEventChangesQueryVariables>;
export const DashboardOverviewDocument = new TypedDocumentString(`
    query DashboardOverview($filter: TrainingEventFilter) {
  trainingStatistics(filter: $filter) {
    eventCount
    participantCount
    trainingHours
  }
  countries: trainingStatistics(groupBy: [COUNTRY]) {
    groups {
      country {
        code
        name
      }
      eventCount
    }
  }
  agreements(first: 0) {
    totalCount
  }
  donationStatistics {
    donationCount
    groups {
      unit
      quantity
      approximate
      itemCount
    }
  }
}
    `, {"hash":"sha256:c3d1e1a03ff86df87d8ba4bb3996acf119bb59cf9599ed93719117bdc3ccf10f"}) as unknown as TypedDocumentString<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DashboardEventsDocument = new TypedDocumentString(`
    query DashboardEvents($filter: TrainingEventFilter, $orderBy: TrainingEventOrder, $first: Int = 20, $after: String) {
  trainingEvents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
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
      locality
      country {
        code
        name
      }
      subdivision {
        code
        name
      }
    }
  }
}
    `, {"hash":"sha256:efafdfbf4da03a02e89f4110ae3bfcb6cd548bd77909bf21c48baf884b3de74c"}) as unknown as TypedDocumentString<DashboardEventsQuery, DashboardEventsQueryVariables>;
export const DashboardEventDocument = new TypedDocumentString(`
    query DashboardEvent($id: ID!) {
  node(id: $id) {
    __typename
    ... on TrainingEvent {
      id
      title
      description
      outcomeSummary
      startDate
      startDatePrecision
      format
      status
      participantCount
      durationHours
      locality
      country {
        code
        name
      }
      subdivision {
        code
        name
      }
      hostOrganisation {
        id
        name
      }
      presenters(first: 100) {
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
              name
            }
          }
        }
      }
      topics(first: 100) {
        nodes {
          code
          name
        }
      }
      sources(first: 100) {
        nodes {
          id
          title
          publisher
          publishedOn
          url
          kind
        }
      }
    }
  }
}
    `, {"hash":"sha256:0aed2e7592e0b7bd6904095014e4455853ba0d93828a3af5762b29434ebda7e8"}) as unknown as TypedDocumentString<DashboardEventQuery, DashboardEventQueryVariables>;
export const DashboardChangesDocument = new TypedDocumentString(`
    query DashboardChanges($after: String, $first: Int = 1000) {
  changes(
    after: $after
    first: $first
    types: [TRAINING_EVENT, AGREEMENT, DONATION, ORGANISATION, PERSON, SOURCE, TOPIC, PROGRAMME]
  ) {
    nodes {
      changedAt
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `, {"hash":"sha256:ba4dcf321da1740fc2dd59513296b4686b2eda4d99fe3c5fade06e8390baa211"}) as unknown as TypedDocumentString<DashboardChangesQuery, DashboardChangesQueryVariables>;
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
    `, {"hash":"sha256:7bbe347ec9f27b556d21fb6f45a4f43f6182aeb48c8489c6334e8868d88985e9"}) as unknown as TypedDocumentString<DonationsToCountryQuery, DonationsToCountryQueryVariables>;
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
    `, {"hash":"sha256:9a2454f522f4de58651bc8db1d36ba1fec0c0fce7ee76e28c910ffb7d91c6d3c"}) as unknown as TypedDocumentString<EventsInSubdivisionQuery, EventsInSubdivisionQueryVariables>;
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
    `, {"hash":"sha256:2ff90c948f3751fb0976e5a9c818d029aa2803e2570c07726f7444f8d0b1ee02"}) as unknown as TypedDocumentString<IndicatorSeriesQuery, IndicatorSeriesQueryVariables>;
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
    `, {"hash":"sha256:6d5b42324f2d44fc2d1239829d841a157c19f5976591878e68a70461df716937"}) as unknown as TypedDocumentString<ProgrammeQuery, ProgrammeQueryVariables>;
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
    `, {"hash":"sha256:c623032ea016e8db3bcf4d1ae02c2be592491175138ebe732e1dee86b49c01cb"}) as unknown as TypedDocumentString<ProgrammesQuery, ProgrammesQueryVariables>;
export const ScheduleTrainingEventDocument = new TypedDocumentString(`
    mutation ScheduleTrainingEvent($input: ScheduleTrainingEventInput!) {
  scheduleTrainingEvent(input: $input) {
    __typename
    ... on TrainingEventPayload {
      replayed
      trainingEvent {
        id
        title
        status
        version
      }
    }
    ...WriteErrors
  }
}
    fragment WriteErrors on Error {
  __typename
  code
  message
  ... on ValidationError {
    fieldErrors {
      path
      message
    }
  }
  ... on ConflictError {
    currentVersion
  }
}`, {"hash":"sha256:1dc3dbca464e2677fa59b0763d43bb8c63ad0f7b886906f82331b83c89adb4a7"}) as unknown as TypedDocumentString<ScheduleTrainingEventMutation, ScheduleTrainingEventMutationVariables>;
export const RecordTrainingOutcomeDocument = new TypedDocumentString(`
    mutation RecordTrainingOutcome($input: RecordTrainingOutcomeInput!) {
  recordTrainingOutcome(input: $input) {
    __typename
    ... on TrainingEventPayload {
      trainingEvent {
        id
        status
        participantCount
        version
      }
    }
    ...WriteErrors
  }
}
    fragment WriteErrors on Error {
  __typename
  code
  message
  ... on ValidationError {
    fieldErrors {
      path
      message
    }
  }
  ... on ConflictError {
    currentVersion
  }
}`, {"hash":"sha256:bfa2ca1d97c4be2b605cb53d18663677c157ec578e87b536223e2718af8cde6f"}) as unknown as TypedDocumentString<RecordTrainingOutcomeMutation, RecordTrainingOutcomeMutationVariables>;
export const RecordDonationDocument = new TypedDocumentString(`
    mutation RecordDonation($input: RecordDonationInput!) {
  recordDonation(input: $input) {
    __typename
    ... on RecordDonationPayload {
      replayed
      donation {
        id
        title
        status
        items {
          totalCount
        }
      }
    }
    ...WriteErrors
  }
}
    fragment WriteErrors on Error {
  __typename
  code
  message
  ... on ValidationError {
    fieldErrors {
      path
      message
    }
  }
  ... on ConflictError {
    currentVersion
  }
}`, {"hash":"sha256:3f3d62a3900a89ae70f6fb15d8e13ac5503e7cbc23aa7b1d766d6e93d79ef290"}) as unknown as TypedDocumentString<RecordDonationMutation, RecordDonationMutationVariables>;