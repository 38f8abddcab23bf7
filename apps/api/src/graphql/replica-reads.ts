import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '@mch/domain';
import type { ReadRouting } from '../scale/read-routing.js';

/**
 * With a read replica: a request starts on the primary; once its operation is known, a query
 * moves to where `routing` sends its client's reads, while a mutation stays wholly on the
 * primary (its writes and the reads of its answer). After a mutation, the client's position in
 * the log is kept, so that its next reads, on whichever API replica, see what it wrote.
 */
export function readRoutingPlugin(routing: ReadRouting): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') {
            contextValue.db = await routing.readerFor(contextValue.viewer.tokenId);
          }
        },
        async willSendResponse({ operation, contextValue }) {
          const tokenId = contextValue.viewer.tokenId;
          if (operation?.operation === 'mutation' && tokenId) await routing.noteWrite(tokenId);
        },
      };
    },
  };
}
