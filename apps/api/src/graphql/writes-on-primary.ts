import type { ApolloServerPlugin } from '@apollo/server';
import type { DbHandle } from '@mch/db';
import type { Context } from '@mch/domain';
import type { ReadRouting } from '../scale/read-routing.js';

/**
 * With a read replica: a mutation runs wholly on the primary (its writes, and the reads of its
 * answer), and once it has run the client's position in the log is kept, so that its next
 * reads, on whichever API replica, see what it wrote.
 */
export function writesOnPrimaryPlugin(
  routing: ReadRouting,
  primary: DbHandle,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') contextValue.db = primary.db;
        },
        async willSendResponse({ operation, contextValue }) {
          const tokenId = contextValue.viewer.tokenId;
          if (operation?.operation === 'mutation' && tokenId) await routing.noteWrite(tokenId);
        },
      };
    },
  };
}
