import { createServer } from 'node:http';
import pg from 'pg';
import { FLOOR_SQL } from './operations.js';

/**
 * The floor server: node:http and one SQL statement per request, no GraphQL. It answers the
 * nested-50 question with the same JSON the API gives.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    try {
      const result = await pool.query<{ body: string }>(FLOOR_SQL);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(result.rows[0]!.body);
    } catch (error) {
      response.writeHead(500);
      response.end(String(error));
    }
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
