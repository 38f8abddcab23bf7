import { parseArgs } from 'node:util';
import { createDb, migrateToLatest } from '@mch/db';
import { createToken } from '@mch/domain';
import { loadConfig } from '../config.js';

/**
 * `pnpm token create --name NAME --role editor|admin [--expires 2027-12-31]`
 * `pnpm token revoke ID_OR_PREFIX`
 * `pnpm token list`
 *
 * Works on the database the API is configured for (DATABASE_URL, or the embedded one in
 * DATA_DIR; stop the API first when it runs on the embedded database, which one process owns).
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    expires: { type: 'string' },
  },
});

const usage = `Usage:
  pnpm token create --name NAME --role editor|admin [--expires YYYY-MM-DD]
  pnpm token revoke ID_OR_PREFIX
  pnpm token list`;

const fail = (message: string): never => {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
};

const config = loadConfig();
const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const [command, argument] = positionals;
  if (command === 'create') {
    const name = values.name?.trim() || fail('--name is required.');
    const role =
      values.role === 'editor' || values.role === 'admin'
        ? values.role
        : fail('--role must be editor or admin.');
    let expiresAt: string | null = null;
    if (values.expires) {
      const date = new Date(values.expires);
      if (Number.isNaN(date.getTime()) || date <= new Date())
        fail('--expires must be a future date, YYYY-MM-DD.');
      expiresAt = date.toISOString();
    }
    const { token, row } = await createToken(database.db, { name, role, expiresAt });
    console.log(
      `Created ${role} token "${name}" (id ${row.id}${expiresAt ? `, expires ${expiresAt}` : ''}).`,
    );
    console.log('Its secret is shown this once; keep it safe:\n');
    console.log(token);
  } else if (command === 'revoke') {
    const key = argument ?? fail('Give the id of the token, or the start of its secret.');
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
    if (revoked.length === 0) fail(`No active token matches ${key}.`);
    for (const token of revoked) console.log(`Revoked "${token.name}" (id ${token.id}).`);
  } else if (command === 'list') {
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
  } else {
    fail(command ? `Unknown command ${command}.` : 'Give a command.');
  }
} finally {
  await database.close();
}
