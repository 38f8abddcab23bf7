import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
  isInterfaceType,
} from 'graphql';
import { builder } from '../builder.js';
import { finishReadEngine } from '../query/index.js';
import { registerNodeTypes, resolveIdsAtOnce } from '../shared/global-id.js';
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
import '../programmes/iati-codes.js';
import '../training-events/training-event.js';
import '../training-events/people.js';
import '../training-events/queries.js';
import '../training-events/training-event.writes.js';
import '../training-events/schedule.js';
import '../training-events/outcome.js';
import '../training-events/postpone-cancel.js';
import '../training-events/statistics.js';
import '../training-events/csv-import.js';
import '../donations/donation.js';
import '../donations/queries.js';
import '../donations/donation.writes.js';
import '../donations/statistics.js';
import '../donations/csv-import.js';
import '../indicators/indicator.js';
import '../indicators/indicator.writes.js';
import '../indicators/gho/gho.writes.js';
import '../search/search.js';
import '../imports/csv.writes.js';
import '../access/viewer.js';
import '../access/api-tokens.js';
import '../access/audit-trail.js';
import '../changes/change-feed.js';

/**
 * `@language(tag: "pt")` on an operation names the language of its names, for clients that
 * cannot set `Accept-Language`; the server reads it before executing the operation.
 */
export const languageDirective = new GraphQLDirective({
  name: 'language',
  description:
    'The language to answer names in, as a BCP 47 tag such as `pt` or `ru`; it overrides the request’s `Accept-Language`. The answer’s `Content-Language` says which language was used.',
  locations: [DirectiveLocation.QUERY, DirectiveLocation.MUTATION],
  args: {
    tag: {
      type: new GraphQLNonNull(GraphQLString),
      description: 'A BCP 47 language tag, such as `pt`, `pt-MZ`, `ru` or `uz`.',
    },
  },
});

const built = builder.toSchema();
export const schema = new GraphQLSchema({
  ...built.toConfig(),
  directives: [...built.getDirectives(), languageDirective],
});

const nodeInterface = schema.getType('Node');
if (isInterfaceType(nodeInterface)) {
  registerNodeTypes(schema.getPossibleTypes(nodeInterface).map((type) => type.name));
}
resolveIdsAtOnce(schema);
finishReadEngine(schema);
