import { isInterfaceType } from 'graphql';
import { builder } from '../builder.js';
import { registerNodeTypes } from '../shared/global-id.js';
import '../shared/error-types.js';
import '../places/country.js';
import '../places/country.writes.js';
import '../places/subdivision.js';
import '../places/subdivision.writes.js';
import '../sources/source.js';
import '../sources/source.writes.js';
import '../sources/citation.writes.js';
import '../topics/topic.js';
import '../topics/topic.writes.js';
import '../organisations/organisation.js';
import '../organisations/organisation.writes.js';
import '../organisations/person.js';
import '../organisations/person.writes.js';
import '../agreements/agreement.js';
import '../agreements/agreement.writes.js';
import '../programmes/programme.js';
import '../programmes/programme.writes.js';
import '../programmes/target.js';
import '../programmes/target.writes.js';
import '../training-events/training-event.js';
import '../training-events/people.js';
import '../training-events/queries.js';
import '../training-events/training-event.writes.js';
import '../training-events/schedule.js';
import '../training-events/outcome.js';
import '../training-events/postpone-cancel.js';
import '../training-events/statistics.js';
import '../donations/donation.js';
import '../donations/queries.js';
import '../donations/donation.writes.js';
import '../donations/statistics.js';
import '../indicators/indicator.js';
import '../indicators/indicator.writes.js';
import '../indicators/gho/gho.writes.js';
import '../search/search.js';
import '../access/viewer.js';
import '../access/api-tokens.js';
import '../access/audit-trail.js';

export const schema = builder.toSchema();

const nodeInterface = schema.getType('Node');
if (isInterfaceType(nodeInterface)) {
  registerNodeTypes(schema.getPossibleTypes(nodeInterface).map((type) => type.name));
}
