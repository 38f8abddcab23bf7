export {
  type Client,
  type ClientOptions,
  createClient,
  documentIdOf,
  type RequestOptions,
  type ResponseMetadata,
  type TypedDocument,
} from './client.js';
export { type GraphQLErrorDetail, GraphQLRequestError, TransportError } from './errors.js';
/** Every enum of the schema, including those no operation of this package selects. */
export type * as SchemaEnums from './generated/enums.js';
export type { ErrorCode } from './generated/enums.js';
export * from './generated/graphql.js';
export { allNodes, type ConnectionPage, type PagesOptions, pages } from './pages.js';
export { type PlaygroundTab, playgroundTabs } from './playground-tabs.js';
export { type ChangeFeedPage, type SyncOptions, sync } from './sync.js';
