import crypto from "node:crypto";
import type { IntakeTicketInput } from "@/lib/validators/helpdesk";
import { db as defaultDb, type Db } from "@/server/db";
import { KeyedQueue } from "@/server/concurrency/keyed-queue";
import { Prisma } from "@/server/generated/prisma/client";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { issueTicketAccessToken } from "../access-tokens";
import { createTicketInTx } from "../create-ticket";
import { HelpdeskError } from "../errors";
import type { IntakeCaller } from "./api-keys";

/** The 201 body (the follow-up link is added per response, never stored). */
export interface IntakeCreatedBody {
  number: string;
  status: string;
  priority: string;
  type: string;
  organisation: string;
  createdAt: string;
}

export interface IntakeResult {
  status: 201;
  body: IntakeCreatedBody & { followUrl: string };
  /** True when an earlier request with the same Idempotency-Key is answered again. */
  replayed: boolean;
}

/** SHA-256 of the raw request body: the same key must come with the same body. */
export function requestFingerprint(rawBody: string): string {
  return crypto.createHash("sha256").update(rawBody, "utf8").digest("hex");
}

/**
 * Files a ticket for a client's app. With an Idempotency-Key, the ticket and
 * the stored response are written in one transaction, so a retry (or a racing
 * duplicate) gets the first ticket back instead of a second one; the same key
 * with a different body is refused (409). The follow-up link in the response
 * is minted per response, because raw link tokens are never stored.
 */
export async function fileIntakeTicket(
  caller: IntakeCaller,
  input: IntakeTicketInput,
  opts: { idempotencyKey?: string | null; fingerprint: string },
  db: Db = defaultDb,
): Promise<IntakeResult> {
  const key = opts.idempotencyKey ?? null;
  if (!key) return fileOnce(caller, input, null, opts.fingerprint, db);
  // Retries of one key queue here: the first files the ticket, the others replay it.
  return sameKeyRequests.run(`${caller.apiKeyId}:${key}`, async () => {
    const replay = await findReplay(db, caller, key, opts.fingerprint);
    return replay ?? fileOnce(caller, input, key, opts.fingerprint, db);
  });
}

/** Requests with the same Idempotency-Key in this process, one at a time (see KeyedQueue for why). */
const sameKeyRequests = new KeyedQueue();

async function fileOnce(caller: IntakeCaller, input: IntakeTicketInput, key: string | null, fingerprint: string, db: Db): Promise<IntakeResult> {
  try {
    const created = await db.$transaction(async (tx) => {
      const ticket = await createTicketInTx(tx, {
        organisationId: caller.organisationId,
        subject: input.subject,
        description: input.description,
        type: input.type,
        priority: input.priority,
        reporterName: input.name,
        reporterEmail: input.email,
        serviceAddress: input.serviceAddress,
        affectedServices: input.affectedServices,
        deviceSerials: input.deviceSerials,
        diagnostics: input.diagnostics as Prisma.InputJsonValue | undefined,
        attachments: input.attachments,
        channel: "api",
        origin: "customer",
        author: { kind: "client_user", name: input.name, email: input.email },
      });
      const row = await tx.ticket.findUniqueOrThrow({
        where: { id: ticket.id },
        select: { number: true, status: true, priority: true, type: true, createdAt: true },
      });
      const body: IntakeCreatedBody = {
        number: row.number,
        status: row.status,
        priority: row.priority,
        type: row.type,
        organisation: caller.organisationLabel,
        createdAt: row.createdAt.toISOString(),
      };
      if (key) {
        await tx.helpdeskIdempotencyKey.create({
          data: { apiKeyId: caller.apiKeyId, key, requestHash: fingerprint, responseStatus: 201, responseBody: { ...body }, ticketId: ticket.id },
        });
      }
      const link = await issueTicketAccessToken(tx, { ticketId: ticket.id, recipientEmail: input.email, recipientName: input.name });
      return { body, followUrl: link.url, emailIds: ticket.emailIds };
    }, { maxWait: 15_000, timeout: 30_000 });
    await dispatchOutboxEmails(created.emailIds);
    return { status: 201, body: { ...created.body, followUrl: created.followUrl }, replayed: false };
  } catch (error) {
    // A concurrent request with the same key won the race: answer with its ticket.
    if (key && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const replay = await findReplay(db, caller, key, fingerprint);
      if (replay) return replay;
    }
    throw error;
  }
}

async function findReplay(db: Db, caller: IntakeCaller, key: string, fingerprint: string): Promise<IntakeResult | null> {
  const stored = await db.helpdeskIdempotencyKey.findUnique({
    where: { apiKeyId_key: { apiKeyId: caller.apiKeyId, key } },
    select: { requestHash: true, responseBody: true, ticketId: true },
  });
  if (!stored) return null;
  if (stored.requestHash !== fingerprint) {
    throw new HelpdeskError("conflict", "This Idempotency-Key was already used with a different request body", "Idempotency-Key");
  }
  const body = stored.responseBody as unknown as IntakeCreatedBody;
  const ticket = stored.ticketId
    ? await db.ticket.findFirst({
        where: { id: stored.ticketId, organisationId: caller.organisationId },
        select: { id: true, reporterEmail: true, reporterName: true },
      })
    : null;
  if (!ticket) throw new HelpdeskError("conflict", "The ticket filed under this Idempotency-Key no longer exists", "Idempotency-Key");
  const link = await issueTicketAccessToken(db, { ticketId: ticket.id, recipientEmail: ticket.reporterEmail, recipientName: ticket.reporterName });
  return { status: 201, body: { ...body, followUrl: link.url }, replayed: true };
}
