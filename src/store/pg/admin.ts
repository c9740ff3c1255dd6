/** One statement on a connection of its own (create or drop a schema), for tools around the stores. */
import pg from "pg";
import { withDefaultUser } from "./pool.js";

export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: withDefaultUser(url), connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined); // a connection lost mid-statement fails the statement itself
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
