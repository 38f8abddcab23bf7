import { createToken } from '@mch/domain';
import { type Command, UsageError } from './command.js';
import { withDatabase } from './database.js';

/** API tokens from the command line, on the database the API is configured for. */

const create: Command = {
  name: 'create',
  summary: 'Make a token and print its secret, once.',
  usage: ['token create --name NAME --role editor|admin [--expires YYYY-MM-DD]'],
  options: {
    name: { type: 'string', description: 'What the token is for, such as who holds it.' },
    role: { type: 'string', description: 'editor (may write) or admin (may also manage tokens).' },
    expires: { type: 'string', description: 'A future date after which it stops working.' },
  },
  run: async (values) => {
    const name = (values.name as string | undefined)?.trim();
    if (!name) throw new UsageError('--name is required.');
    const role = values.role;
    if (role !== 'editor' && role !== 'admin')
      throw new UsageError('--role must be editor or admin.');
    let expiresAt: string | null = null;
    if (values.expires !== undefined) {
      const date = new Date(values.expires as string);
      if (Number.isNaN(date.getTime()) || date <= new Date())
        throw new UsageError('--expires must be a future date, YYYY-MM-DD.');
      expiresAt = date.toISOString();
    }
    await withDatabase('mch token create', async (database) => {
      const { token, row } = await createToken(database.db, { name, role, expiresAt });
      console.log(
        `Created ${role} token "${name}" (id ${row.id}${expiresAt ? `, expires ${expiresAt}` : ''}).`,
      );
      console.log('Its secret is shown this once; keep it safe:\n');
      console.log(token);
    });
  },
};

const list: Command = {
  name: 'list',
  summary: 'List every token: id, prefix, role, state and name.',
  usage: ['token list'],
  run: () =>
    withDatabase('mch token list', async (database) => {
      const tokens = await database.db
        .selectFrom('api_token')
        .select(['id', 'name', 'role', 'token_prefix', 'created_at', 'expires_at', 'revoked_at'])
        .orderBy('created_at')
        .execute();
      for (const token of tokens) {
        const state = token.revoked_at
          ? 'revoked'
          : token.expires_at
            ? `expires ${token.expires_at}`
            : 'active';
        console.log(
          `${token.id}  ${token.token_prefix}…  ${token.role.padEnd(6)}  ${state}  ${token.name}`,
        );
      }
      if (tokens.length === 0) console.log('No tokens yet.');
    }),
};

const revoke: Command = {
  name: 'revoke',
  summary: 'Revoke a token at once, by its id or the first 12 characters of its secret.',
  usage: ['token revoke ID_OR_PREFIX'],
  run: async (_values, positionals) => {
    const key = positionals[0];
    if (!key) throw new UsageError('Give the id of the token, or the start of its secret.');
    await withDatabase('mch token revoke', async (database) => {
      const revoked = await database.db
        .updateTable('api_token')
        .set({ revoked_at: new Date().toISOString() })
        .where((eb) =>
          /^[0-9a-f-]{36}$/.test(key)
            ? eb('id', '=', key)
            : eb('token_prefix', '=', key.slice(0, 12)),
        )
        .where('revoked_at', 'is', null)
        .returning(['id', 'name'])
        .execute();
      if (revoked.length === 0) throw new UsageError(`No active token matches ${key}.`);
      for (const token of revoked) console.log(`Revoked "${token.name}" (id ${token.id}).`);
    });
  },
};

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Make, list and revoke API tokens.',
  subcommands: [create, list, revoke],
};
