import type { ApolloServerPlugin } from '@apollo/server';
import {
  baseLanguage,
  ClientError,
  type Context,
  canonicalLanguage,
  ErrorCode,
  ORIGINAL_LANGUAGE,
  placeNameLanguages,
} from '@mch/domain';
import type { Request } from 'express';

/**
 * The language of a request's names: negotiated from `Accept-Language` (the best language the
 * API has names in, English when none fits), or named by the operation's `@language(tag:)`;
 * the answer says which it used in `Content-Language`.
 */

const byLowerCase = new Map(placeNameLanguages.map((tag) => [tag.toLowerCase(), tag]));

/**
 * The best of the API's languages for an `Accept-Language` header, kept as specific as the
 * client asked: `pt-MZ` when it asks for that, so that a name translated for Mozambique is
 * found before the Portuguese one.
 */
export function negotiateLanguage(req: Request): string {
  // Clients send a handful of distinct headers, and weighing one against the API's 150
  // languages costs more than a small answer: each header's outcome is kept.
  const header = req.get('accept-language') ?? '';
  let language = negotiated.get(header);
  if (language === undefined) {
    language = negotiate(req);
    if (negotiated.size >= NEGOTIATIONS_KEPT) negotiated.clear();
    negotiated.set(header, language);
  }
  return language;
}

const negotiated = new Map<string, string>();
const NEGOTIATIONS_KEPT = 1000;

function negotiate(req: Request): string {
  const negotiated = req.acceptsLanguages(...placeNameLanguages);
  if (!negotiated) return ORIGINAL_LANGUAGE;
  const base = baseLanguage(negotiated.toLowerCase());
  const asked = req
    .acceptsLanguages()
    .find((tag) => baseLanguage(tag.toLowerCase()) === base && tag.length > negotiated.length);
  return (asked && canonicalLanguage(asked)) || negotiated;
}

/** A language the operation names, in its canonical form, when names exist in its base language. */
function languageOf(tag: string): string | undefined {
  const canonical = canonicalLanguage(tag);
  if (!canonical) return undefined;
  if (byLowerCase.has(canonical.toLowerCase())) return byLowerCase.get(canonical.toLowerCase());
  return byLowerCase.has(baseLanguage(canonical).toLowerCase()) ? canonical : undefined;
}

export function languagePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          const directive = operation?.directives?.find((d) => d.name.value === 'language');
          const argument = directive?.arguments?.find((a) => a.name.value === 'tag')?.value;
          if (!argument) return;
          const tag =
            argument.kind === 'StringValue'
              ? argument.value
              : argument.kind === 'Variable'
                ? request.variables?.[argument.name.value]
                : undefined;
          const language = typeof tag === 'string' ? languageOf(tag) : undefined;
          if (!language) {
            throw new ClientError(
              ErrorCode.BAD_USER_INPUT,
              `There are no names in the language "${String(tag)}"; give a BCP 47 tag such as "pt", "ru" or "uz".`,
              { argument: '@language.tag' },
              400,
            );
          }
          contextValue.language = language;
        },
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set('content-language', contextValue.language ?? ORIGINAL_LANGUAGE);
        },
      };
    },
  };
}
