/**
 * What text the graph accepts, in one place: for stored fields, search words, cursors,
 * idempotency keys and token names alike.
 */

// Control characters other than tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for
const NUL = /\u0000/;

/** Why a text value cannot be kept, or undefined when it can. */
export function textProblem(
  value: string,
  max: number,
  options: { multiline?: boolean } = {},
): string | undefined {
  if (value.trim().length === 0) return 'must not be blank';
  if (value.length > max) return `must be at most ${max} characters long (got ${value.length})`;
  if ((options.multiline ? CONTROL : CONTROL_SINGLE_LINE).test(value)) {
    return options.multiline
      ? 'must not contain control characters (line breaks and tabs are fine)'
      : 'must not contain control characters or line breaks';
  }
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text';
  return undefined;
}

/** True when PostgreSQL can hold the text at all: no NUL character, no unpaired surrogate. */
export function isStorable(value: string): boolean {
  return !NUL.test(value) && !LONE_SURROGATE.test(value);
}

/** True when the text holds a control character or a line break. */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_SINGLE_LINE.test(value);
}
