import { type Database, translatedColumns } from '@mch/db';
import type { InputObjectRef, ObjectRef } from '@pothos/core';
import type DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import {
  ConflictError,
  type FieldError,
  NotFoundError,
  rejectIfInvalid,
} from '../shared/errors.js';
import { article, parseGlobalIdOf } from '../shared/global-id.js';
import { isTranslatedTable } from '../shared/sql.js';
import { translationLoader } from '../translations/translated-fields.js';
import {
  auditedTranslations,
  languagesOfNewRecord,
  replaceTranslations,
  type TranslationsInput,
  translationInputFields,
  validateTranslations,
} from '../translations/translations.writes.js';
import { addCreateVerb } from './create-verb.js';
import { type FieldSpecs, inputFields, validate } from './fields.js';
import { insertRow, runWrite, snapshot, type WriteScope } from './run.js';

type BuilderTypes = typeof builder.$inferSchemaTypes;

// biome-ignore lint/suspicious/noExplicitAny: any loadable node type
export type LoadableRef = ObjectRef<any, any, any> & {
  getDataloader(context: Context): DataLoader<string, unknown>;
};

/** A type whose records can be created, changed and deleted through generic mutations. */
export interface Resource {
  /** The GraphQL type name, such as `IndicatorObservation`. */
  name: string;
  /** The payload field that returns the record, such as `indicatorObservation`. */
  field: string;
  ref: LoadableRef;
  table: keyof Database & string;
  fields: FieldSpecs;
  /** Rules across fields, over the values as they will be stored. */
  check?: (
    db: Kysely<Database>,
    values: Record<string, unknown>,
  ) => Promise<FieldError[]> | FieldError[];
  operations: ReadonlyArray<'create' | 'update' | 'delete'>;
}

/**
 * The GraphQL type of a table's records, as the audit trail and the change feed name them: the
 * table's name in PascalCase (`training_event` holds `TrainingEvent`s). A rule rather than a
 * list filled as types are declared, so it answers the same whatever was imported first;
 * `addCrud` refuses a type named otherwise.
 */
export function typenameOfTable(table: string): string {
  return table.replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The type's name as words of a sentence: `IndicatorObservation` is "indicator observation". */
export function nounOf(typename: string): string {
  return typename.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}

/** Checks the version a client sends back against the stored one, under a row lock. */
export async function lockForChange(
  db: Kysely<Database>,
  resource: Pick<Resource, 'name' | 'table'>,
  id: string,
  expectedVersion: number,
): Promise<Record<string, unknown>> {
  const current = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) - 'search_vector' as row from ${sql.table(resource.table)} t
    where t.id = ${id} for update`.execute(db);
  const row = current.rows[0]?.row;
  if (!row) throw new NotFoundError(resource.name, id);
  if (row.version !== expectedVersion) {
    throw new ConflictError(
      `This ${resource.name} changed since version ${expectedVersion} (it is at version ${row.version}); read it again and reapply your change.`,
      row.version as number,
    );
  }
  return row;
}

/** Stores changed columns, bumping the version and the time of change. */
export async function updateColumns(
  db: Kysely<Database>,
  table: string,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const sets = Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  await sql`update ${sql.table(table)}
    set ${sql.join([...sets, sql`version = version + 1`, sql`updated_at = now()`])}
    where id = ${id}`.execute(db);
}

/**
 * Runs a change to an existing record: the record locked at the version the client read, the
 * change and its audit entry in one transaction, the record's cached copy dropped after.
 */
export async function changeRecord(
  ctx: Context,
  resource: Pick<Resource, 'name' | 'table' | 'ref'>,
  input: { id: string; expectedVersion: number },
  change: (scope: WriteScope & { id: string; before: Record<string, unknown> }) => Promise<void>,
): Promise<{ id: string }> {
  const id = parseGlobalIdOf(resource.name, input.id, 'input.id');
  await runWrite(ctx, async (scope) => {
    const before = await lockForChange(scope.trx, resource, id, input.expectedVersion);
    await change({ ...scope, id, before });
  });
  resource.ref.getDataloader(ctx).clear(id);
  if (isTranslatedTable(resource.table)) translationLoader(ctx, resource.table).clear(id);
  return { id };
}

/**
 * The payload of a mutation that stores one record: the record as it is now and, for a
 * creation, whether the answer replays an earlier request with the same idempotency key.
 */
export function recordPayload(
  typeName: string,
  options: {
    field: string;
    ref: LoadableRef;
    description: string;
    fieldDescription: string;
    replayed: boolean;
  },
) {
  return builder.objectRef<{ id: string; replayed?: boolean }>(typeName).implement({
    description: options.description,
    fields: (t) => ({
      [options.field]: t.field({
        type: options.ref,
        description: options.fieldDescription,
        resolve: (payload) => payload.id,
      }),
      ...(options.replayed
        ? {
            replayed: t.boolean({
              description:
                'True when this answers a retry: the record was created by an earlier request with the same idempotency key.',
              resolve: (payload) => payload.replayed ?? false,
            }),
          }
        : {}),
    }),
  });
}

/** The input field every creation takes for safe retries. */
export const idempotencyKeyDescription =
  'Any unique string, such as a UUID. A retry with the same key and input creates nothing new and answers with the first record.';

/** Adds the create, update and delete mutations of a resource. */
export function addCrud(resource: Resource): void {
  const { name, field, ref, table } = resource;
  const noun = nounOf(name);
  /** The records' name or title can be translated: the writes take the translations. */
  const translated = isTranslatedTable(table) ? table : undefined;
  if (typenameOfTable(table) !== name) {
    throw new Error(
      `The records of ${table} must be of type ${typenameOfTable(table)}, as the audit trail and change feed name them, not ${name}.`,
    );
  }

  if (resource.operations.includes('create')) {
    const Input = builder.inputType(`Create${name}Input`, {
      description: `A new ${noun}.`,
      fields: (t) => ({
        ...inputFields(t, resource.fields, 'create'),
        ...(translated ? translationInputFields(t, translatedColumns[translated], 'create') : {}),
        idempotencyKey: t.string({ description: idempotencyKeyDescription }),
      }),
    });
    const Payload = recordPayload(`Create${name}Payload`, {
      field,
      ref,
      description: `The ${noun} as the mutation stored it.`,
      fieldDescription: `The ${noun}, as it is now.`,
      replayed: true,
    });
    addCreateVerb({
      name: `create${name}`,
      description: `Creates ${article(noun)}.`,
      input: Input as InputObjectRef<BuilderTypes, Record<string, unknown>>,
      payload: Payload,
      ref,
      table,
      create: async (trx, input) => {
        const { originalLanguage, translations, ...fields } = input as Record<string, unknown> &
          TranslationsInput;
        const { values, errors } = await validate(trx, resource.fields, fields, 'create');
        const storeTranslations = translated
          ? await languagesOfNewRecord(
              trx,
              translated,
              { originalLanguage, translations },
              values,
              errors,
            )
          : undefined;
        rejectIfInvalid(errors);
        rejectIfInvalid((await resource.check?.(trx, values)) ?? []);
        const id = await insertRow(trx, table, values);
        await storeTranslations?.(id);
        return { id };
      },
    });
  }

  if (resource.operations.includes('update')) {
    const Input = builder.inputType(`Update${name}Input`, {
      description: `Changes to ${article(noun)}: fields left out stay as they are; null clears a field that may be empty.`,
      fields: (t) => ({
        id: t.id({ required: true, description: `The ${noun} to change.` }),
        expectedVersion: t.int({
          required: true,
          description:
            'The `version` you last read. If the record changed since, nothing is stored and you get a `ConflictError`.',
        }),
        ...inputFields(t, resource.fields, 'update'),
        ...(translated ? translationInputFields(t, translatedColumns[translated], 'update') : {}),
      }),
    });
    const Payload = recordPayload(`Update${name}Payload`, {
      field,
      ref,
      description: `The ${noun} as the mutation stored it.`,
      fieldDescription: `The ${noun}, as it is now.`,
      replayed: false,
    });
    builder.mutationField(`update${name}`, (t) =>
      t.field({
        type: Payload,
        description: `Changes ${article(noun)}, if nobody changed it since the version you read.`,
        authScopes: { editor: true },
        errors: {},
        args: {
          input: t.arg({
            type: Input,
            required: true,
            description: 'What to store; see its fields.',
          }),
        },
        resolve: async (_root, { input }, ctx) => {
          const { id, expectedVersion, originalLanguage, translations, ...fields } =
            input as Record<string, unknown> &
              TranslationsInput & {
                id: string;
                expectedVersion: number;
              };
          const changed = await changeRecord(
            ctx,
            resource,
            { id, expectedVersion },
            async ({ trx, audit, id: key, before }) => {
              const { values, errors } = await validate(trx, resource.fields, fields, 'update');
              const stored = translated ? await auditedTranslations(trx, translated, key) : [];
              const languages = translated
                ? await validateTranslations(
                    trx,
                    { originalLanguage, translations },
                    translatedColumns[translated],
                    {
                      originalLanguage: before.original_language as string,
                      languages: stored.map((t) => t.language),
                    },
                    errors,
                  )
                : {};
              rejectIfInvalid(errors);
              rejectIfInvalid((await resource.check?.(trx, { ...before, ...values })) ?? []);
              if (languages.originalLanguage) values.original_language = languages.originalLanguage;
              await updateColumns(trx, table, key, values);
              if (translated && languages.translations) {
                await replaceTranslations(trx, translated, key, languages.translations);
              }
              await audit({
                action: `update${name}`,
                recordType: table,
                recordId: key,
                before: translated ? { ...before, translations: stored } : before,
                after: await snapshot(trx, table, key),
              });
            },
          );
          return { id: changed.id, replayed: false };
        },
      }),
    );
  }

  if (resource.operations.includes('delete')) {
    const Input = builder.inputType(`Delete${name}Input`, {
      description: `The ${noun} to delete.`,
      fields: (t) => ({
        id: t.id({ required: true, description: `The ${noun} to delete.` }),
        expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
      }),
    });
    const Payload = builder.objectRef<{ id: string }>(`Delete${name}Payload`).implement({
      description: `The ${noun} that was deleted.`,
      fields: (t) => ({
        deletedId: t.id({
          description: 'The global ID the record had.',
          resolve: (payload) => payload.id,
        }),
      }),
    });
    builder.mutationField(`delete${name}`, (t) =>
      t.field({
        type: Payload,
        description: `Deletes ${article(noun)} that nothing else points at any more, with its citations.`,
        authScopes: { editor: true },
        errors: {},
        args: {
          input: t.arg({
            type: Input,
            required: true,
            description: 'What to store; see its fields.',
          }),
        },
        resolve: async (_root, { input }, ctx) => {
          const given = input as { id: string; expectedVersion: number };
          await changeRecord(ctx, resource, given, async ({ trx, audit, id, before }) => {
            await sql`delete from ${sql.table(table)} where id = ${id}`.execute(trx);
            await audit({
              action: `delete${name}`,
              recordType: table,
              recordId: id,
              before,
              after: null,
            });
          });
          return { id: given.id };
        },
      }),
    );
  }
}
