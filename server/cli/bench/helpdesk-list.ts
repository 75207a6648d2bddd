// npm run bench:helpdesk
// Seeds 50,000 tickets (plus messages and read states) into a throwaway
// embedded PostgreSQL, then times the console ticket list and the My Tickets
// inbox through the real query functions. Prints p50/p95 per case; asserts
// nothing (figures for the issue note, not a test).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { findFreePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { migrateDeploy } from "../lib/prisma-cli";

const TICKETS = Number(process.env.BENCH_TICKETS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-pg-"));
fs.chmodSync(dir, 0o777);
const database = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await findFreePort(), database: "bench", ephemeral: true, quiet: true });

try {
  migrateDeploy(database.url, true);
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL = "error";
  const { db } = await import("../../db");
  const { ticketListQuerySchema, inboxListQuerySchema } = await import("../../../lib/validators/helpdesk");
  const { unsafeListConsoleTickets } = await import("../../helpdesk/list-tickets");
  const { listInboxTickets } = await import("../../helpdesk/inbox/list-inbox-tickets");
  const { countUnreadTickets } = await import("../../helpdesk/inbox/count-unread-tickets");

  console.log(`Seeding ${TICKETS.toLocaleString("en")} tickets…`);
  const t0 = performance.now();
  // Deterministic data, generated inside PostgreSQL: 12 client organisations
  // (one large: a third of all tickets), 1,500 reporters, a year of history,
  // realistic status/priority mixes and searchable subjects.
  await db.$executeRawUnsafe(`SELECT setseed(0.42)`);
  for (const sql of [
    `INSERT INTO "Organisation" (id, name, label, kind, "updatedAt")
     SELECT 'org' || g, 'Client ' || g, 'CLIENT' || g, 'CLIENT', now() FROM generate_series(1, 12) g`,
    `INSERT INTO "Organisation" (id, name, label, kind, "updatedAt") VALUES ('prov', 'Provider', 'PROV', 'PROVIDER', now())`,
    `INSERT INTO "Team" (id, name, "updatedAt") SELECT 'team' || g, 'Team ' || g, now() FROM generate_series(1, 6) g`,
    `INSERT INTO "User" (id, email, name, "updatedAt") VALUES
       ('u-user', 'reporter7@client1.example', 'Bench User', now()),
       ('u-admin', 'admin@client1.example', 'Bench Admin', now()),
       ('u-agent', 'agent@provider.example', 'Bench Agent', now())`,
    `INSERT INTO "Membership" (id, "userId", "organisationId", role) VALUES
       ('m1', 'u-user', 'org1', 'CLIENT_USER'), ('m2', 'u-admin', 'org1', 'CLIENT_ADMIN'), ('m3', 'u-agent', 'prov', 'AGENT')`,
  ]) {
    await db.$executeRawUnsafe(sql);
  }
  await db.$executeRawUnsafe(`
    WITH words AS (SELECT ARRAY['router','fibre','invoice','VPN','printer','voicemail','outage','Wi-Fi','speed','firewall','email','backup','handset','switch','licence','portal','modem','DNS','latency','upgrade'] AS w),
    base AS (
      SELECT g,
        random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7
      FROM generate_series(1, ${TICKETS}) g
    )
    INSERT INTO "Ticket" (id, number, "organisationId", subject, description, status, priority, type, origin, target, channel,
      "reporterName", "reporterEmail", "teamId", "assigneeId", "slaState", "nearestDueAt", "firstResponseDueAt", "resolutionDueAt",
      "escalationLevel", "lastPublicMessageAt", "lastPublicProviderMessageAt", "createdAt", "updatedAt")
    SELECT 'tk' || g,
      'TCK-' || upper(substr(translate(md5(g::text), '01io', '2345'), 1, 12)),
      CASE WHEN r1 < 0.34 THEN 'org1' ELSE 'org' || (2 + floor(r1 * 1000)::int % 11) END,
      initcap((SELECT w[1 + floor(r2 * 20)::int] FROM words)) || ' ' || (ARRAY['not working','keeps dropping','question','request','is slow','needs replacing','error 502','after update'])[1 + floor(r3 * 8)::int] || ' #' || g,
      'Reported by the customer: ' || (SELECT w[1 + floor(r4 * 20)::int] FROM words) || ' problem at site ' || (g % 977) || '. ' || repeat('Details of the issue and what was tried. ', 1 + (g % 5)),
      (CASE WHEN r5 < 0.15 THEN 'open' WHEN r5 < 0.25 THEN 'in_progress' WHEN r5 < 0.32 THEN 'waiting_on_customer' WHEN r5 < 0.55 THEN 'resolved' ELSE 'closed' END)::"TicketStatus",
      (CASE WHEN r6 < 0.2 THEN 'low' WHEN r6 < 0.7 THEN 'normal' WHEN r6 < 0.92 THEN 'high' ELSE 'urgent' END)::"TicketPriority",
      (enum_range(NULL::"TicketType"))[1 + floor(r7 * 12)::int],
      'customer', 'provider', 'api',
      'Reporter ' || (g % 1500),
      'reporter' || (g % 1500) || '@client' || CASE WHEN r1 < 0.34 THEN '1' ELSE (2 + floor(r1 * 1000)::int % 11)::text END || '.example',
      CASE WHEN r3 < 0.9 THEN 'team' || (1 + floor(r4 * 6)::int) END,
      CASE WHEN r2 < 0.6 THEN 'u-agent' END,
      (CASE WHEN r5 >= 0.32 THEN 'met' WHEN r5 < 0.32 AND r5 >= 0.25 THEN 'paused' WHEN r4 < 0.1 THEN 'breached' WHEN r4 < 0.25 THEN 'at_risk' ELSE 'ok' END)::"TicketSlaState",
      CASE WHEN r5 < 0.25 THEN now() + (r3 * 200 - 20) * interval '1 hour' END,
      CASE WHEN r5 < 0.25 THEN now() + (r3 * 200 - 20) * interval '1 hour' END,
      CASE WHEN r5 < 0.25 THEN now() + (r3 * 400) * interval '1 hour' END,
      (CASE WHEN r4 < 0.05 THEN 'L3' WHEN r4 < 0.12 THEN 'L2' ELSE 'L1' END)::"TicketEscalationLevel",
      now() - (g::float / ${TICKETS}) * interval '365 days' + interval '2 hours',
      CASE WHEN r7 < 0.8 THEN now() - (g::float / ${TICKETS}) * interval '365 days' + interval '1 hour' END,
      now() - (g::float / ${TICKETS}) * interval '365 days',
      now() - (g::float / ${TICKETS}) * interval '365 days' + interval '2 hours'
    FROM base`);
  // Two messages per ticket (the description and one reply) and read states for the bench users.
  // The same text server/helpdesk/search-text.ts builds for real tickets.
  await db.$executeRawUnsafe(`
    UPDATE "Ticket" SET "searchText" = lower(concat_ws(' ', "number", "subject", "reporterName", "reporterEmail", "serviceAddress", left("description", 2000)))`);
  // What evaluateTicketSla stores with the state: breached tickets head the queue.
  await db.$executeRawUnsafe(
    `UPDATE "Ticket" SET "queueRank" = CASE WHEN "slaState" = 'breached' THEN 0 ELSE 1 END, "queueDueAt" = COALESCE("nearestDueAt", "queueDueAt")`,
  );
  await db.$executeRawUnsafe(`
    INSERT INTO "TicketMessage" (id, "ticketId", "organisationId", "authorKind", "authorName", visibility, body, "createdAt")
    SELECT 'm' || t.id, t.id, t."organisationId", 'client_user', t."reporterName", 'public', t.description, t."createdAt" FROM "Ticket" t`);
  await db.$executeRawUnsafe(`
    INSERT INTO "TicketMessage" (id, "ticketId", "organisationId", "authorKind", "authorName", visibility, body, "createdAt")
    SELECT 'r' || t.id, t.id, t."organisationId", 'agent', 'Bench Agent', CASE WHEN random() < 0.2 THEN 'internal' ELSE 'public' END::"TicketMessageVisibility",
      'We are looking into it.', t."createdAt" + interval '1 hour' FROM "Ticket" t`);
  await db.$executeRawUnsafe(`
    INSERT INTO "TicketReadState" ("userId", "ticketId", "lastSeenMessageAt")
    SELECT u, t.id, t."createdAt" + interval '1 hour' FROM "Ticket" t CROSS JOIN (VALUES ('u-user'), ('u-admin')) v(u)
    WHERE t."organisationId" = 'org1' AND random() < 0.7`);
  await db.$executeRawUnsafe(`ANALYZE`);
  const counts = await db.$queryRawUnsafe<{ tickets: number; messages: number; org1: number; mine: number }[]>(`
    SELECT (SELECT count(*)::int FROM "Ticket") AS tickets, (SELECT count(*)::int FROM "TicketMessage") AS messages,
           (SELECT count(*)::int FROM "Ticket" WHERE "organisationId" = 'org1') AS org1,
           (SELECT count(*)::int FROM "Ticket" WHERE "organisationId" = 'org1' AND "reporterEmail" = 'reporter7@client1.example') AS mine`);
  console.log(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, counts[0]);

  const sampleNumber = (await db.ticket.findFirstOrThrow({ where: { id: "tk4242" }, select: { number: true } })).number;
  const user = (role: "CLIENT_USER" | "CLIENT_ADMIN", id: string, email: string) => ({
    id, email, name: "Bench", role, organisationId: "org1", organisationLabel: "CLIENT1", organisationName: "Client 1", organisationKind: "CLIENT" as const,
  });
  const clientUser = user("CLIENT_USER", "u-user", "reporter7@client1.example");
  const clientAdmin = user("CLIENT_ADMIN", "u-admin", "admin@client1.example");

  const consoleCases: [string, Record<string, unknown>][] = [
    ["active statuses, newest update first", { status: "open,in_progress,waiting_on_customer", sort: "updatedAt:desc" }],
    ["default queue: active, breached first then soonest due", { status: "open,in_progress,waiting_on_customer" }],
    ["all statuses, newest update first (page 1)", { sort: "updatedAt:desc" }],
    ["urgent+high active, nearest SLA deadline first", { status: "open,in_progress,waiting_on_customer", priority: "urgent,high", sort: "dueAt:asc" }],
    ["one organisation + type, newest created first", { organisationId: "org3", type: "outage_report", sort: "createdAt:desc" }],
    ["SLA breached, sort by priority", { slaState: "breached", sort: "priority:desc" }],
    ["team filter, sort by status", { teamId: "team2", sort: "status:asc" }],
    ["search a word in subject/description", { search: "firewall" }],
    ["search reporter e-mail fragment", { search: "reporter123@" }],
    ["search an exact ticket number", { search: sampleNumber }],
    ["deep page 400 of all by OFFSET, newest update first", { sort: "updatedAt:desc", page: 400 }],
    ["all statuses, queue order (page 1)", { sort: "queue:asc" }],
    ["deep page 400 of all by OFFSET, queue order", { sort: "queue:asc", page: 400 }],
    ["all statuses, status order (page 1)", { sort: "status:asc" }],
    ["all statuses, priority order (page 1)", { sort: "priority:desc" }],
  ];
  const inboxCases: [string, () => Promise<unknown>][] = [
    ["client user, Mine, page 1", () => listInboxTickets(db, clientUser, inboxListQuerySchema.parse({}))],
    ["client admin, All (≈17k tickets), page 1", () => listInboxTickets(db, clientAdmin, inboxListQuerySchema.parse({ scope: "all" }))],
    ["client admin, All, search", () => listInboxTickets(db, clientAdmin, inboxListQuerySchema.parse({ scope: "all", search: "printer" }))],
    ["client admin, All, page 50", () => listInboxTickets(db, clientAdmin, inboxListQuerySchema.parse({ scope: "all", page: 50 }))],
    ["unread badge, client user (Mine)", () => countUnreadTickets(db, clientUser, "mine")],
    ["unread count, client admin (All)", () => countUnreadTickets(db, clientAdmin, "all")],
  ];

  async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; rows: number }> {
    let rows = 0;
    for (let i = 0; i < WARMUP; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const out = (await fn()) as { total?: number } | number;
      samples.push(performance.now() - start);
      rows = typeof out === "number" ? out : (out.total ?? 0);
    }
    samples.sort((a, b) => a - b);
    const pick = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
    return { p50: pick(0.5), p95: pick(0.95), rows };
  }

  const print = (name: string, r: { p50: number; p95: number; rows: number }) =>
    console.log(`${name.padEnd(58)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   (${r.rows.toLocaleString("en")} matching)`);

  if (process.env.BENCH_EXPLAIN) {
    for (const sql of process.env.BENCH_EXPLAIN.split(";;")) {
      const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ANALYZE ${sql}`);
      console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    }
  }
  console.log(`\nConsole ticket list (count + page of 25; ${RUNS} runs after ${WARMUP} warm-up)`);
  for (const [name, input] of consoleCases) print(name, await time(() => unsafeListConsoleTickets(db, ticketListQuerySchema.parse(input))));
  // Keyset: what "Next" from page 399 asks for (the cursor of page 399's last row).
  for (const sort of ["updatedAt:desc", "queue:asc", "status:asc", "priority:desc"]) {
    const page399 = await unsafeListConsoleTickets(db, ticketListQuerySchema.parse({ sort, page: 399 }));
    const input = { sort, page: 400, after: page399.nextCursor ?? undefined };
    print(`deep page 400 of all by keyset cursor, ${sort}`, await time(() => unsafeListConsoleTickets(db, ticketListQuerySchema.parse(input))));
  }
  console.log(`\nMy Tickets inbox (count + page of 20; ${RUNS} runs after ${WARMUP} warm-up)`);
  for (const [name, fn] of inboxCases) print(name, await time(fn));
  await db.$disconnect();
} finally {
  // The app's pool may still hold idle connections; the server going away is expected now.
  process.on("uncaughtException", (error: Error & { code?: string }) => {
    if (error.code !== "57P01") throw error;
  });
  await database.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
