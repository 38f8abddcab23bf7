import { builder } from '../builder.js';

/** Who the API takes the caller to be. */

const ViewerRole = builder.enumType('ViewerRole', {
  description: 'Who is asking.',
  values: {
    ANONYMOUS: { value: 'anonymous', description: 'No token: may read public data.' },
    EDITOR: { value: 'editor', description: 'An editor token.' },
    ADMIN: { value: 'admin', description: 'An admin token.' },
  } as const,
});

const ViewerType = builder
  .objectRef<{ role: 'anonymous' | 'editor' | 'admin'; tokenName?: string }>('Viewer')
  .implement({
    description: 'Who the API takes the caller to be.',
    fields: (t) => ({
      role: t.field({
        type: ViewerRole,
        description: 'The caller’s role.',
        resolve: (v) => v.role,
      }),
      tokenName: t.string({
        nullable: true,
        description: 'The name of the token used, if any.',
        resolve: (v) => v.tokenName ?? null,
      }),
    }),
  });

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerType,
    description: 'Who the API takes you to be.',
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);
