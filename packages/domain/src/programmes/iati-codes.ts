import { iatiCodeLists } from '@mch/db';
import { builder } from '../builder.js';

/** The IATI code lists the IATI export writes, queryable so clients can show what codes mean. */

const IatiCodeList = builder.enumType('IatiCodeList', {
  description: 'An IATI 2.03 code list the graph’s IATI export uses.',
  values: Object.fromEntries(
    iatiCodeLists.map((list) => [
      list.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      { value: list, description: `The IATI code list \`${list}\`.` },
    ]),
  ),
});

const IatiCode = builder
  .objectRef<{ list: string; code: string; name: string }>('IatiCode')
  .implement({
    description: 'A code of an IATI code list, such as `1` (`Funding`) of `OrganisationRole`.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'The code, as the IATI file holds it.' }),
      name: t.exposeString('name', { description: 'Its name in the IATI Standard.' }),
    }),
  });

builder.queryField('iatiCodes', (t) =>
  t.field({
    type: [IatiCode],
    description:
      'The codes of an IATI code list, in code order: what the codes of the IATI export mean.',
    args: {
      list: t.arg({ type: IatiCodeList, required: true, description: 'Which code list.' }),
    },
    resolve: async (_root, { list }, ctx) => {
      const rows = await ctx.db
        .selectFrom('iati_code')
        .selectAll()
        .where('list', '=', list)
        .execute();
      return rows.sort((a, b) => Number(a.code) - Number(b.code) || a.code.localeCompare(b.code));
    },
  }),
);
