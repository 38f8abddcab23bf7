import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the operations in src/operations, from the committed schema. */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/operations/*.graphql'],
  emitLegacyCommonJSImports: false,
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // Each operation's sha256 as \`__meta__.hash\`, and the id-to-text map the API trusts.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Decimal: 'string',
          // Audit trail values: a record's columns as they were, an object of any shape.
          JSON: '{ [key: string]: unknown }',
        },
      },
    },
    // Every enum of the schema, ErrorCode included, whether or not an operation selects it.
    'src/generated/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
  },
};

export default config;
