import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const RUNTIME_FILE = path.join(process.cwd(), ".data", "e2e-runtime.json");

/** What start-stack.ts started: the app's database and the fakes' addresses. */
export interface E2ERuntime {
  databaseUrl: string;
  appUrl: string;
  fakes: Record<string, string>;
}

export function readRuntime(): E2ERuntime {
  return JSON.parse(fs.readFileSync(RUNTIME_FILE, "utf8")) as E2ERuntime;
}

/** Runs one query against the app's database (e.g. to read a magic link from the outbox). */
export async function queryDb<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: readRuntime().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The newest outbox message to `to` (optionally matching a subject), waiting up to 10 s for it. */
export async function latestEmailTo(to: string, subjectLike = "%"): Promise<{ subject: string; text: string; html: string | null }> {
  for (let i = 0; i < 40; i++) {
    const rows = await queryDb<{ subject: string; text: string; html: string | null }>(
      `SELECT subject, text, html FROM "OutboxEmail" WHERE "to" = $1 AND subject LIKE $2 ORDER BY "createdAt" DESC LIMIT 1`,
      [to, subjectLike],
    );
    if (rows[0]) return rows[0];
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No e-mail to ${to} matching ${subjectLike}`);
}

/** The first http(s) link in a text that contains `fragment`. */
export function linkIn(text: string, fragment: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(fragment));
  if (!link) throw new Error(`No link containing ${fragment} in:\n${text}`);
  return link;
}
