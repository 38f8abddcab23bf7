/** The requests the benchmark drives, each a dashboard's everyday question. */

export const NESTED_50 = `query Nested($after: String) {
  trainingEvents(first: 50, after: $after) {
    nodes {
      id
      title
      startDate
      hostOrganisation { name country { code name } }
      presenters { nodes { role person { name } organisation { name } } }
    }
  }
}`;

/** Three list levels: organisations, the events each hosted, each event's topics (and its people). */
export const ORGANISATIONS_3_LEVELS = `query Organisations3 {
  organisations(first: 50) {
    nodes {
      id
      name
      country { code name }
      people(first: 5) { nodes { name title } }
      hostedTrainingEvents(first: 5) {
        nodes { title startDate topics(first: 5) { nodes { code name } } }
      }
    }
  }
}`;

export const SEARCH = `query Search($query: String!) {
  search(query: $query, types: [TRAINING_EVENT, ORGANISATION], first: 20) {
    totalCount
    edges { rank node { __typename ... on TrainingEvent { id title startDate } ... on Organisation { id name } } }
  }
}`;

export const TRAINING_STATISTICS = `query TrainingStatistics {
  trainingStatistics(filter: { statuses: [COMPLETED] }, groupBy: [COUNTRY, YEAR], limit: 100) {
    eventCount participantCount trainingHours
    groups { country { code } year eventCount participantCount trainingHours }
  }
}`;

export const DONATION_STATISTICS = `query DonationStatistics {
  donationStatistics(groupBy: [DONOR, ITEM_CATEGORY], limit: 100) {
    donationCount
    groups { donorCountry { code } itemCategory unit quantity approximate donationCount }
  }
}`;

/**
 * The floor: the nested-50 answer, shaped exactly like the API's, built by one hand-written
 * statement. Nothing can serve it with less work, so it bounds what the API can reach.
 */
export const FLOOR_SQL = `
select json_build_object('data', json_build_object('trainingEvents', json_build_object('nodes',
  coalesce(json_agg(page.node order by page.sort_key desc, page.id desc), '[]'::json))))::text as body
from (
  select e.id, coalesce(e.start_date, 'infinity'::date) as sort_key, json_build_object(
    'id', translate(encode(convert_to('TrainingEvent:' || e.id, 'utf8'), 'base64'), E'\\n', ''),
    'title', e.title,
    'startDate', e.start_date,
    'hostOrganisation', (
      select json_build_object('name', o.name, 'country',
        (select json_build_object('code', c.code, 'name', c.name) from country c where c.id = o.country_id))
      from organisation o where o.id = e.host_organisation_id),
    'presenters', json_build_object('nodes', coalesce((
      select json_agg(json_build_object(
        'role', upper(p.role),
        'person', (select json_build_object('name', pe.name) from person pe where pe.id = p.person_id),
        'organisation', (select json_build_object('name', po.name) from organisation po where po.id = p.organisation_id)
      ) order by p.position)
      from training_event_presenter p where p.training_event_id = e.id), '[]'::json))
  ) as node
  from training_event e
  order by coalesce(e.start_date, 'infinity'::date) desc, e.id desc
  limit 50
) page`;
