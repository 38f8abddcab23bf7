/**
 * What a field declares to the read engine about its resolver (the engine, in `query/`, reads
 * these marks; declaring them needs nothing of it): the columns it reads, and that it never
 * reads its resolve info.
 */

/** Field extensions that say which columns a resolver reads. */
export const reads = (...columns: string[]) => ({ extensions: { columns } });

const IGNORES_INFO = Symbol('resolver ignores info');

// biome-ignore lint/suspicious/noExplicitAny: any resolver's signature
type Resolver = (...args: any[]) => unknown;

/** Declares that a resolver reads only its parent, arguments and context, never its info. */
export function ignoresInfo<R extends Resolver>(resolve: R): R {
  (resolve as R & { [IGNORES_INFO]?: true })[IGNORES_INFO] = true;
  return resolve;
}

/** Whether a resolver was declared with `ignoresInfo`. */
export const declaredIgnoringInfo = (resolve: unknown) =>
  typeof resolve === 'function' && (resolve as { [IGNORES_INFO]?: true })[IGNORES_INFO] === true;
