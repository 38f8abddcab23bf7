import { isInterfaceType } from 'graphql';
import { builder } from '../builder.js';
import { registerNodeTypes } from '../shared/global-id.js';
import '../shared/error-codes.js';
import '../places/country.js';
import '../places/subdivision.js';
import '../sources/source.js';
import '../topics/topic.js';
import '../organisations/organisation.js';
import '../organisations/person.js';
import '../agreements/agreement.js';
import '../programmes/programme.js';
import '../programmes/target.js';
import '../training-events/training-event.js';
import '../training-events/people.js';
import '../training-events/queries.js';
import '../training-events/training-event.writes.js';
import '../donations/donation.writes.js';
import '../agreements/agreement.writes.js';
import '../indicators/indicator.writes.js';
import '../sources/citation.writes.js';
import '../donations/donation.js';
import '../donations/queries.js';
import '../indicators/indicator.js';
import '../search/search.js';
import '../writes/resources.js';
import '../access/access.js';
import '../statistics/training-statistics.js';
import '../statistics/donation-statistics.js';

export const schema = builder.toSchema();

const nodeInterface = schema.getType('Node');
if (isInterfaceType(nodeInterface)) {
  registerNodeTypes(schema.getPossibleTypes(nodeInterface).map((type) => type.name));
}
