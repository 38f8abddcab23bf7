/**
 * The read engine's front door: everything a concept needs to declare how its records are read.
 * A concept declares a top-level list (`rootList`), a list of related records (`relatedList`,
 * or `addRelatedList` for the common shape), or a to-one relation read along with its parent
 * (`Embed` and `embeddedOr`); `reads` says which columns a field's resolver reads. Nothing
 * outside this folder imports its other files (a lint rule in `biome.json` holds it); how it works
 * inside is in `docs/design/read-engine.md`.
 */

export { ignoresInfo, reads } from '../shared/field-marks.js';
export { type Embed, embeddedOr } from './embed.js';
export {
  type AnySelect,
  type Connection,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Ordering,
  type PageArgs,
  type ParentKeyType,
  type SortKey,
} from './pagination.js';
export { columnsAsked } from './projection.js';
export { addRelatedList, relatedList } from './related-lists.js';
export { listPage, type RootList, rootList } from './root-lists.js';
export { finishReadEngine } from './schema-passes.js';
