import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
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

/** A condition polled until it holds or `timeoutMs` passes (default 30 s, generous for a busy machine). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** SQL LIKE as the callers write it ("%" any run, "_" one character), anchored. */
function likeToRegExp(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === "%" ? ".*" : c === "_" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`, "s");
}

/**
 * The newest e-mail delivered to `to` (optionally matching a subject, SQL LIKE
 * style), as the local SMTP sink received it: the outbox itself keeps only a
 * masked preview, so links are read where a recipient would read them.
 */
export async function latestEmailTo(to: string, subjectLike = "%"): Promise<{ subject: string; text: string; html: string | null }> {
  const dir = readRuntime().fakes.mailDir;
  if (!dir) throw new Error("The e2e stack has no mail sink (fakes.mailDir)");
  const subject = likeToRegExp(subjectLike);
  return waitFor(`an e-mail to ${to} matching ${subjectLike}`, async () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort().reverse();
    for (const file of files) {
      const mail = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { to: string[]; raw: string };
      if (!mail.to.some((r) => r.toLowerCase() === to.toLowerCase())) continue;
      const parsed = await simpleParser(mail.raw);
      if (!subject.test(parsed.subject ?? "")) continue;
      return { subject: parsed.subject ?? "", text: parsed.text ?? "", html: typeof parsed.html === "string" ? parsed.html : null };
    }
    return null;
  });
}

/** The first http(s) link in a text that contains `fragment`. */
export function linkIn(text: string, fragment: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(fragment));
  if (!link) throw new Error(`No link containing ${fragment} in:\n${text}`);
  return link;
}
