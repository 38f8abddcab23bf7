/** How many parties an agreement binds. */
export type AgreementKind =
  /** Between two parties. */
  | 'BILATERAL'
  /** Between three or more parties. */
  | 'MULTILATERAL';

/** What a token may do. */
export type ApiRole =
  /** As an editor, and manage tokens and read the audit trail. */
  | 'ADMIN'
  /** Read, and record and change data. */
  | 'EDITOR';

/** What happened to the record. */
export type ChangeOperation =
  /** It was created. */
  | 'CREATE'
  /** It was deleted; `record` is null. */
  | 'DELETE'
  /** It, or a part of it (a topic of an event, an item of a donation), changed. */
  | 'UPDATE';

/** The types of record the change feed follows. */
export type ChangeRecordType =
  /** Changes of records of type `Agreement`. */
  | 'AGREEMENT'
  /** Changes of records of type `Country`. */
  | 'COUNTRY'
  /** Changes of records of type `Donation`. */
  | 'DONATION'
  /** Changes of records of type `IndicatorObservation`. */
  | 'INDICATOR_OBSERVATION'
  /** Changes of records of type `Organisation`. */
  | 'ORGANISATION'
  /** Changes of records of type `Person`. */
  | 'PERSON'
  /** Changes of records of type `Programme`. */
  | 'PROGRAMME'
  /** Changes of records of type `Source`. */
  | 'SOURCE'
  /** Changes of records of type `Subdivision`. */
  | 'SUBDIVISION'
  /** Changes of records of type `Target`. */
  | 'TARGET'
  /** Changes of records of type `Topic`. */
  | 'TOPIC'
  /** Changes of records of type `TrainingEvent`. */
  | 'TRAINING_EVENT';

/** The kinds of record a spreadsheet can be imported as. */
export type CsvImportKind =
  /** One row is one line item of a donation; the rows that share an externalKey (or id) are one donation. Columns: id, externalKey, title, status, announcedOn, deliveredOn, donorCountry, donorOrganisation, recipientCountry, recipientOrganisation, programme, valueAmount, valueCurrency, description, itemCategory, itemDescription, quantity, unit, quantityQualifier. */
  | 'DONATIONS'
  /** One row is one training event. Columns: id, externalKey, title, format, country, subdivision, locality, startDate, startDatePrecision, durationMinutes, status, participantCount, outcomeSummary, hostOrganisation, programme, topics, description. */
  | 'TRAINING_EVENTS';

/** How precisely a date is known. A date known only to the month is stored as the first of that month. */
export type DatePrecision =
  /** The exact day is known. */
  | 'DAY'
  /** Only the month is known. */
  | 'MONTH'
  /** Only the year is known. */
  | 'YEAR';

/** What donation statistics can be grouped by. They are always grouped by unit. */
export type DonationDimension =
  /** The donor: a country, an organisation, or both. */
  | 'DONOR'
  /** The category of goods (masks, test kits, ...). */
  | 'ITEM_CATEGORY'
  /** The recipient: a country, an organisation, or both. */
  | 'RECIPIENT'
  /** The year of delivery, or of announcement when not delivered. */
  | 'YEAR';

/** Whether a donation was only promised or has been handed over. */
export type DonationStatus =
  /** Handed over to the recipient. */
  | 'DELIVERED'
  /** Promised, not yet handed over. */
  | 'PLEDGED';

/** The codes an error of this API carries in `extensions.code`. Branch on the code; the message is for people. */
export type ErrorCode =
  /** The query uses more aliases than allowed. */
  | 'ALIAS_LIMIT_EXCEEDED'
  /** The request body is not valid JSON, or not a GraphQL request (HTTP 400). */
  | 'BAD_REQUEST'
  /** An argument out of range or malformed; `extensions.argument` names it. */
  | 'BAD_USER_INPUT'
  /** A batch holds more operations than allowed. */
  | 'BATCH_LIMIT_EXCEEDED'
  /** The record changed since it was read, an idempotency key was reused, or other records point at it. */
  | 'CONFLICT'
  /** The query may cost more than allowed (lists count by page size). */
  | 'COST_LIMIT_EXCEEDED'
  /** A cursor of the change feed older than the change log’s horizon: changes after it were compacted away. Start over: read the feed without `after` and replace the local copy. */
  | 'CURSOR_EXPIRED'
  /** The database cannot be reached; nothing was changed. Try again shortly. */
  | 'DATABASE_UNAVAILABLE'
  /** The query nests deeper than allowed. */
  | 'DEPTH_LIMIT_EXCEEDED'
  /** The query uses more directives than allowed. */
  | 'DIRECTIVE_LIMIT_EXCEEDED'
  /** The query text is longer than allowed. */
  | 'DOCUMENT_TOO_LARGE'
  /** The token’s role may not do this. */
  | 'FORBIDDEN'
  /** The request is not valid GraphQL. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The request does not fit the schema. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** In production, the IATI export waits for its publisher: set `IATI_REPORTING_ORG_REF` (HTTP 503). */
  | 'IATI_PUBLISHER_NOT_CONFIGURED'
  /** A file or response to import has bad rows; nothing of it was stored. `problems` lists every bad row with its column and what to fix. */
  | 'IMPORT_REJECTED'
  /** A failure on the server; it was logged. */
  | 'INTERNAL_SERVER_ERROR'
  /** A cursor not issued by the same list in the same order. */
  | 'INVALID_CURSOR'
  /** A global ID that is not one of ours, or names another type than the field expects. */
  | 'INVALID_ID'
  /** The record does not exist. */
  | 'NOT_FOUND'
  /** The document holds several operations and `operationName` names none of them, or names none at all; the message lists the operations the document holds. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The request body is larger than allowed (HTTP 413). */
  | 'PAYLOAD_TOO_LARGE'
  /** The `documentId` names no trusted document of this API (HTTP 400); register the document, or send its text. */
  | 'PERSISTED_DOCUMENT_NOT_FOUND'
  /** This API runs only trusted documents: send a `documentId` instead of the query text (HTTP 400). Admin tokens may still send text. */
  | 'PERSISTED_DOCUMENT_REQUIRED'
  /** The token or address spent its budget for now; retry after `Retry-After`. */
  | 'RATE_LIMITED'
  /** The request needs a valid API token (or its token is unknown, expired or revoked). */
  | 'UNAUTHENTICATED'
  /** The request is not JSON (HTTP 415). */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** A service the graph imports from (such as the WHO Global Health Observatory) failed or could not be reached; nothing was stored. */
  | 'UPSTREAM_FAILED'
  /** A mutation input breaks rules; `fieldErrors` names each field. */
  | 'VALIDATION_FAILED';

/** Why rows of a GHO answer were not stored. */
export type GhoSkipReason =
  /** The row is for a region, an income group or the world, not a country. */
  | 'NOT_A_COUNTRY'
  /** The row is for a time other than one calendar year. */
  | 'NOT_A_YEAR'
  /** The row carries no numeric value. */
  | 'NO_VALUE'
  /** The row is broken down by something other than sex (age, residence, wealth), which the graph does not record. */
  | 'OTHER_BREAKDOWN'
  /** The row is for a country code the graph does not hold. */
  | 'UNKNOWN_COUNTRY';

/** An IATI 2.03 code list the graph’s IATI export uses. */
export type IatiCodeList =
  /** The IATI code list `ActivityDateType`. */
  | 'ACTIVITY_DATE_TYPE'
  /** The IATI code list `ActivityStatus`. */
  | 'ACTIVITY_STATUS'
  /** The IATI code list `IndicatorMeasure`. */
  | 'INDICATOR_MEASURE'
  /** The IATI code list `OrganisationRole`. */
  | 'ORGANISATION_ROLE'
  /** The IATI code list `OrganisationType`. */
  | 'ORGANISATION_TYPE'
  /** The IATI code list `ResultType`. */
  | 'RESULT_TYPE'
  /** The IATI code list `SectorVocabulary`. */
  | 'SECTOR_VOCABULARY';

/** The IATI 2.03 organisation type of an organisation (code list `OrganisationType`), written as `@type` of its organisation elements in the IATI export. */
export type IatiOrganisationType =
  /** IATI code 80: Academic, Training and Research. */
  | 'ACADEMIC_TRAINING_AND_RESEARCH'
  /** IATI code 60: Foundation. */
  | 'FOUNDATION'
  /** IATI code 10: Government. */
  | 'GOVERNMENT'
  /** IATI code 21: International NGO. */
  | 'INTERNATIONAL_NGO'
  /** IATI code 11: Local Government. */
  | 'LOCAL_GOVERNMENT'
  /** IATI code 40: Multilateral. */
  | 'MULTILATERAL'
  /** IATI code 22: National NGO. */
  | 'NATIONAL_NGO'
  /** IATI code 90: Other. */
  | 'OTHER'
  /** IATI code 15: Other Public Sector. */
  | 'OTHER_PUBLIC_SECTOR'
  /** IATI code 24: Partner Country based NGO. */
  | 'PARTNER_COUNTRY_BASED_NGO'
  /** IATI code 70: Private Sector. */
  | 'PRIVATE_SECTOR'
  /** IATI code 72: Private Sector in Aid Recipient Country. */
  | 'PRIVATE_SECTOR_IN_AID_RECIPIENT_COUNTRY'
  /** IATI code 71: Private Sector in Provider Country. */
  | 'PRIVATE_SECTOR_IN_PROVIDER_COUNTRY'
  /** IATI code 73: Private Sector in Third Country. */
  | 'PRIVATE_SECTOR_IN_THIRD_COUNTRY'
  /** IATI code 30: Public Private Partnership. */
  | 'PUBLIC_PRIVATE_PARTNERSHIP'
  /** IATI code 23: Regional NGO. */
  | 'REGIONAL_NGO';

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

/** Whom a value is about, where an indicator is broken down by sex. */
export type ObservationSex =
  /** Both sexes together. */
  | 'BOTH'
  /** Girls and women. */
  | 'FEMALE'
  /** Boys and men. */
  | 'MALE';

/** What kind of body an organisation is. */
export type OrganisationKind =
  /** An embassy or consulate. */
  | 'EMBASSY'
  /** A hospital. */
  | 'HOSPITAL'
  /** A medical team sent abroad, such as a Chinese medical team to Africa. */
  | 'MEDICAL_TEAM'
  /** A government ministry. */
  | 'MINISTRY'
  /** A non-governmental organisation. */
  | 'NGO'
  /** Any other body. */
  | 'OTHER'
  /** A research or scientific and practical centre. */
  | 'RESEARCH_CENTRE'
  /** A university or medical school. */
  | 'UNIVERSITY';

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

/** The kinds of record full-text search covers. */
export type SearchableType =
  /** Agreements: title and description. */
  | 'AGREEMENT'
  /** Organisations: name and acronym. */
  | 'ORGANISATION'
  /** People: name, title and profession. */
  | 'PERSON'
  /** Programmes: title and description. */
  | 'PROGRAMME'
  /** Training events: title, place, description and outcome. */
  | 'TRAINING_EVENT';

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

/** The ISO 3166-2 category of a subdivision. */
export type SubdivisionKind =
  /** A city with the status of a subdivision. */
  | 'CITY'
  /** Any other category. */
  | 'OTHER'
  /** A province. */
  | 'PROVINCE'
  /** A region (viloyat, oblast). */
  | 'REGION'
  /** An autonomous republic. */
  | 'REPUBLIC';

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

/** What training statistics can be grouped by. */
export type TrainingDimension =
  /** The country where events took place. */
  | 'COUNTRY'
  /** In person, teleconference or hybrid. */
  | 'FORMAT'
  /** The programme (series); null for events outside one. */
  | 'PROGRAMME'
  /** Planned, completed, cancelled or postponed. */
  | 'STATUS'
  /** The subdivision where events took place (null: not known). */
  | 'SUBDIVISION'
  /** The topic; an event with two topics counts in both groups. */
  | 'TOPIC'
  /** The calendar year of the start date (null: undated). */
  | 'YEAR';

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

/** Who is asking. */
export type ViewerRole =
  /** An admin token. */
  | 'ADMIN'
  /** No token: may read public data. */
  | 'ANONYMOUS'
  /** An editor token. */
  | 'EDITOR';
