/**
 * Test-only set-up for field-job tests: an Ascora connection row, a ticket
 * with a customer, and a recording FieldJobGateway. The gateway is a double of
 * OUR interface (it proves our bookkeeping, not Ascora's wire format; the
 * connector's own tests cover that against the fake Ascora). It can lose an
 * answer after doing the work, the case a retry must not duplicate.
 */
import crypto from "node:crypto";
import { db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { encryptSecret } from "@/server/crm/secret-box";
import type { TicketType } from "@/server/generated/prisma/client";
import { createTicketInTx } from "@/server/helpdesk/create-ticket";
import { createTestOrganisation, createTestUser } from "@/server/testing/factories";
import type { FieldJobAttachmentUpload, FieldJobDraft, FieldJobGateway, RemoteFieldJob } from "../field-job-gateway";
import { fieldJobItemKey } from "../enqueue-field-job-work";
import { pushFieldJob } from "../push-field-job";

export class RecordingGateway implements FieldJobGateway {
  jobs = new Map<string, RemoteFieldJob & { reference: string; draft: FieldJobDraft }>();
  notes: { remoteId: string; text: string; key: string }[] = [];
  attachments: { remoteId: string; file: FieldJobAttachmentUpload; key: string }[] = [];
  creates = 0;
  /** Next create does the work, then throws a timeout (the answer was lost). */
  loseNextCreateAnswer = false;
  /** Next call of any kind fails with this error before doing anything. */
  failNext: ConnectorError | null = null;

  private gate() {
    const e = this.failNext;
    this.failNext = null;
    if (e) throw e;
  }
  async findJobByReference(reference: string) {
    this.gate();
    return [...this.jobs.values()].find((j) => j.reference === reference) ?? null;
  }
  async createJob(draft: FieldJobDraft) {
    this.gate();
    this.creates += 1;
    const remoteId = crypto.randomUUID();
    const job = { remoteId, jobNumber: `J${1000 + this.jobs.size}`, status: "Unscheduled", statusChangedAt: null, url: `https://ascora.test/jobs/${remoteId}`, reference: draft.reference, draft };
    this.jobs.set(remoteId, job);
    if (this.loseNextCreateAnswer) {
      this.loseNextCreateAnswer = false;
      throw new ConnectorError("timeout", "Ascora did not answer in time");
    }
    return job;
  }
  async getJobs(remoteIds: readonly string[]) {
    this.gate();
    return remoteIds.flatMap((id) => (this.jobs.has(id) ? [this.jobs.get(id)!] : []));
  }
  async addJobNote(remoteId: string, text: string, key: string) {
    this.gate();
    this.notes.push({ remoteId, text, key });
    return { remoteId: `note-${this.notes.length}` };
  }
  async addJobAttachment(remoteId: string, file: FieldJobAttachmentUpload, key: string) {
    this.gate();
    this.attachments.push({ remoteId, file, key });
    return { remoteId: `att-${this.attachments.length}` };
  }
  setStatus(remoteId: string, status: string, at: Date | null = new Date()) {
    const job = this.jobs.get(remoteId)!;
    job.status = status;
    job.statusChangedAt = at;
  }
}

export async function createAscoraConnection(opts: { enabled?: boolean } = {}) {
  return db.crmConnection.create({
    data: {
      name: `Ascora ${crypto.randomBytes(3).toString("hex")}`,
      provider: "ascora",
      baseUrl: "https://ascora.test",
      username: "api@example.test",
      secretCiphertext: encryptSecret("not-used-by-the-double", "crm-connection"),
      modules: {},
      enabled: opts.enabled ?? true,
    },
  });
}

/** A client organisation with a customer (with an address) and one ticket filed by an agent. */
export async function createTicketWithCustomer(opts: { type?: TicketType; serviceAddress?: string | null; customerAddress?: boolean } = {}) {
  const org = await createTestOrganisation();
  const agent = await createTestUser("AGENT");
  const customer = await db.customer.create({
    data: {
      name: `Customer ${org.label}`,
      organisationId: org.id,
      ...(opts.customerAddress === false ? {} : { addressLine1: "12 King St W", city: "Toronto", region: "ON", postalCode: "M5H 1A1", country: "CA" }),
    },
  });
  const ticket = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: org.id,
      subject: "No internet at the shop",
      description: "The line has been down since 9am.",
      type: opts.type ?? "outage_report",
      priority: "high",
      reporterName: "Rita Reporter",
      reporterEmail: `rita-${org.label.toLowerCase()}@example.test`,
      channel: "console",
      serviceAddress: opts.serviceAddress === undefined ? "1 Front St, Toronto" : (opts.serviceAddress ?? undefined),
      affectedServices: ["internet"],
      deviceSerials: ["SN-42"],
      author: { kind: "agent", userId: agent.id, name: agent.name ?? "Agent" },
      acknowledge: false,
    }),
  );
  return { org, agent, customer, ticket };
}

/** Links the customer to a remote customer on the connection, as a finished customer push would. */
export async function linkCustomer(connectionId: string, customerId: string, externalId = `remote-${customerId}`) {
  return db.syncLink.create({ data: { connectionId, entity: "customer", entityId: customerId, module: "Customers", externalId, status: "SYNCED" } });
}

/** Makes the job remotely right away, outside the queue (tests about what happens after creation). */
export async function createRemoteJob(gateway: FieldJobGateway, fieldJobId: string) {
  const job = await db.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId } });
  return pushFieldJob(db, gateway, job, { remoteCustomerId: "remote-customer", idempotencyKey: fieldJobItemKey(job.id) });
}

export const AGENT_ACTOR = { kind: "agent" as const, userId: null, name: "Sam Agent" };
