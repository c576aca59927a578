import { Client } from 'pg';

/** The run's database (created by the e2e global setup). */
export function TEST_DATABASE_URL_OR_THROW(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  return url;
}

/** Runs one query against the run's database with a short-lived connection. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL_OR_THROW() });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `SELECT count(*)` as a number. */
export async function count(text: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ count: string }>(text, params);
  return Number(row.count);
}
