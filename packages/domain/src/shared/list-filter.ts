/**
 * What a list in a filter means, the same on every list: any of its values. An empty list
 * matches nothing (as SQL's `in ()` and sets do), so a client that narrows a list step by step
 * to no values gets no records rather than all of them; a list left out or null sets no condition.
 */
export const listFilterRule =
  'A record matches any of the values; an empty list matches nothing; left out or null, no condition.';

/** A list filter field's description, with the rule. */
export const listFilter = (description: string) => `${description} ${listFilterRule}`;
