import type { Database } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import type DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { parseGlobalIdOf } from '../shared/global-id.js';
import { ConflictError, type FieldError, mutationErrors, NotFoundError } from './errors.js';
import { type FieldSpecs, inputFields, validate } from './fields.js';
import { createOnce, rejectIfInvalid, runWrite, snapshot } from './run.js';

/** A type whose records can be created, changed and deleted through generic mutations. */
export interface Resource {
  /** The GraphQL type name, such as `Organisation`. */
  name: string;
  /** The payload field that returns the record, such as `organisation`. */
  field: string;
  // biome-ignore lint/suspicious/noExplicitAny: any loadable node type
  ref: ObjectRef<any, any, any> & { getDataloader(context: Context): DataLoader<string, unknown> };
  table: keyof Database & string;
  fields: FieldSpecs;
  /** Rules across fields, over the values as they will be stored. */
  check?: (
    db: Kysely<Database>,
    values: Record<string, unknown>,
  ) => Promise<FieldError[]> | FieldError[];
  operations: ReadonlyArray<'create' | 'update' | 'delete'>;
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

/** Adds the create, update and delete mutations of a resource. */
export function addCrud(resource: Resource): void {
  const { name, field, ref, table } = resource;
  const loader = (ctx: Context) => ref.getDataloader(ctx);

  const RecordPayload = (kind: 'Create' | 'Update') =>
    builder.objectRef<{ id: string; replayed: boolean }>(`${kind}${name}Payload`).implement({
      description: `The ${name} as stored by the mutation.`,
      fields: (t) => ({
        [field]: t.field({
          type: ref,
          description: `The ${name}, as it is now.`,
          resolve: (payload) => payload.id,
        }),
        ...(kind === 'Create'
          ? {
              replayed: t.boolean({
                description:
                  'True when this answers a retry: the record was created by an earlier request with the same idempotency key.',
                resolve: (payload) => payload.replayed,
              }),
            }
          : {}),
      }),
    });

  if (resource.operations.includes('create')) {
    const Input = builder.inputType(`Create${name}Input`, {
      description: `A new ${name}.`,
      fields: (t) => ({
        ...inputFields(t, resource.fields, 'create'),
        idempotencyKey: t.string({
          description:
            'Any unique string, such as a UUID. A retry with the same key and input creates nothing new and answers with the first record.',
        }),
      }),
    });
    const Payload = RecordPayload('Create');
    builder.mutationField(`create${name}`, (t) =>
      t.field({
        type: Payload,
        description: `Creates a ${name}.`,
        authScopes: { editor: true },
        errors: {
          types: mutationErrors,
          directResult: true,
          union: { name: `Create${name}Result` },
        },
        args: { input: t.arg({ type: Input, required: true }) },
        resolve: async (_root, { input }, ctx) => {
          const { idempotencyKey, ...fields } = input as Record<string, unknown> & {
            idempotencyKey?: string | null;
          };
          const result = await createOnce(
            ctx,
            `create${name}`,
            { ...fields, idempotencyKey },
            async ({ trx, audit }) => {
              const { values, errors } = await validate(trx, resource.fields, fields, 'create');
              rejectIfInvalid(errors);
              rejectIfInvalid((await resource.check?.(trx, values)) ?? []);
              const inserted = await sql<{ id: string }>`
              insert into ${sql.table(table)} (${sql.join(Object.keys(values).map((c) => sql.ref(c)))})
              values (${sql.join(Object.values(values))}) returning id`.execute(trx);
              const id = inserted.rows[0]!.id;
              await audit({
                action: `create${name}`,
                recordType: table,
                recordId: id,
                before: null,
                after: await snapshot(trx, table, id),
              });
              return id;
            },
          );
          loader(ctx).clear(result.id);
          return result;
        },
      }),
    );
  }

  if (resource.operations.includes('update')) {
    const Input = builder.inputType(`Update${name}Input`, {
      description: `Changes to a ${name}: fields left out stay as they are; null clears a field that may be empty.`,
      fields: (t) => ({
        id: t.id({ required: true, description: `The ${name} to change.` }),
        expectedVersion: t.int({
          required: true,
          description:
            'The `version` you last read. If the record changed since, nothing is stored and you get a ConflictError.',
        }),
        ...inputFields(t, resource.fields, 'update'),
      }),
    });
    const Payload = RecordPayload('Update');
    builder.mutationField(`update${name}`, (t) =>
      t.field({
        type: Payload,
        description: `Changes a ${name}, if nobody changed it since the version you read.`,
        authScopes: { editor: true },
        errors: {
          types: mutationErrors,
          directResult: true,
          union: { name: `Update${name}Result` },
        },
        args: { input: t.arg({ type: Input, required: true }) },
        resolve: async (_root, { input }, ctx) => {
          const {
            id: globalId,
            expectedVersion,
            ...fields
          } = input as Record<string, unknown> & {
            id: string;
            expectedVersion: number;
          };
          const id = parseGlobalIdOf(name, globalId, 'input.id');
          await runWrite(ctx, async ({ trx, audit }) => {
            const before = await lockForChange(trx, resource, id, expectedVersion);
            const { values, errors } = await validate(trx, resource.fields, fields, 'update');
            rejectIfInvalid(errors);
            rejectIfInvalid((await resource.check?.(trx, { ...before, ...values })) ?? []);
            await updateColumns(trx, table, id, values);
            await audit({
              action: `update${name}`,
              recordType: table,
              recordId: id,
              before,
              after: await snapshot(trx, table, id),
            });
          });
          loader(ctx).clear(id);
          return { id, replayed: false };
        },
      }),
    );
  }

  if (resource.operations.includes('delete')) {
    const Input = builder.inputType(`Delete${name}Input`, {
      description: `The ${name} to delete.`,
      fields: (t) => ({
        id: t.id({ required: true, description: `The ${name} to delete.` }),
        expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
      }),
    });
    const Payload = builder.objectRef<{ id: string }>(`Delete${name}Payload`).implement({
      description: `The ${name} that was deleted.`,
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
        description: `Deletes a ${name} that nothing else points at any more, with its citations.`,
        authScopes: { editor: true },
        errors: {
          types: mutationErrors,
          directResult: true,
          union: { name: `Delete${name}Result` },
        },
        args: { input: t.arg({ type: Input, required: true }) },
        resolve: async (_root, { input }, ctx) => {
          const { id: globalId, expectedVersion } = input as {
            id: string;
            expectedVersion: number;
          };
          const id = parseGlobalIdOf(name, globalId, 'input.id');
          await runWrite(ctx, async ({ trx, audit }) => {
            const before = await lockForChange(trx, resource, id, expectedVersion);
            await sql`delete from ${sql.table(table)} where id = ${id}`.execute(trx);
            await audit({
              action: `delete${name}`,
              recordType: table,
              recordId: id,
              before,
              after: null,
            });
          });
          loader(ctx).clear(id);
          return { id: globalId };
        },
      }),
    );
  }
}
