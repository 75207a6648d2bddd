/**
 * Job calls as ASSUMED in server/crm/connectors/ascora/ascora-assumed-api.ts
 * (A5, A6, A17–A20), plus control routes to change a job's status the way a
 * dispatcher would in Ascora and, when told where, deliver the signed webhook
 * (A7, A20). Test code only.
 */
import crypto from "node:crypto";
import { signAscoraWebhook } from "@/server/crm/connectors/ascora/ascora-assumed-api";
import { errorBody, type FakeRequest, type FakeResponse, type FakeRouteModule } from "./fake-ascora-router";

type Rec = Record<string, unknown>;

const jobs = (req: FakeRequest) => req.state.area("jobs");
const notes = (req: FakeRequest) => req.state.area("job-notes");
const attachments = (req: FakeRequest) => req.state.area("job-attachments");
const bad = (message: string): FakeResponse => ({ status: 400, body: errorBody("ValidationException", message) });
const notFound: FakeResponse = { status: 404, body: errorBody("NotFound", "Job not found") };

function objectBody(req: FakeRequest): Rec | null {
  return req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Rec) : null;
}

function createJob(req: FakeRequest): FakeResponse {
  const b = objectBody(req);
  if (!b) return bad("A JSON object is required");
  if (typeof b.CustomerId !== "string" || !req.state.customers.has(b.CustomerId)) return bad("CustomerId must be an existing customer");
  if (typeof b.Description !== "string" || !b.Description.trim()) return bad("Description is required");
  const all = jobs(req);
  const JobId = crypto.randomUUID();
  const job = { ...b, JobId, JobNumber: `J${String(1000 + all.size)}`, Status: "Unscheduled", LastModified: req.state.now().toISOString() };
  all.set(JobId, job);
  return { status: 201, body: job };
}

/** A6: a repeated ExternalReference answers the first record instead of adding one. */
function addChild(req: FakeRequest, area: Map<string, Rec>, idField: string, make: (b: Rec) => Rec | string): FakeResponse {
  if (!jobs(req).has(req.params.id!)) return notFound;
  const b = objectBody(req);
  if (!b) return bad("A JSON object is required");
  const ref = typeof b.ExternalReference === "string" ? b.ExternalReference : null;
  const first = ref ? [...area.values()].find((r) => r.JobId === req.params.id && r.ExternalReference === ref) : undefined;
  if (first) return { status: 200, body: { [idField]: first[idField] } };
  const made = make(b);
  if (typeof made === "string") return bad(made);
  const id = crypto.randomUUID();
  area.set(id, { ...made, [idField]: id, JobId: req.params.id, ExternalReference: ref, CreatedAt: req.state.now().toISOString() });
  return { status: 201, body: { [idField]: id } };
}

async function setStatus(req: FakeRequest): Promise<FakeResponse> {
  const job = jobs(req).get(req.params.id!);
  if (!job) return { status: 404, body: { error: "no such job" } };
  const b = (objectBody(req) ?? {}) as { status?: string; webhook?: { url: string; secret: string } };
  if (!b.status) return { status: 400, body: { error: "status is required" } };
  job.Status = b.status;
  job.LastModified = req.state.now().toISOString();
  let delivered: number | null = null;
  if (b.webhook) {
    const raw = JSON.stringify({ id: crypto.randomUUID(), type: "job.status_changed", data: { jobId: job.JobId, status: b.status, changedAt: job.LastModified } });
    const timestamp = String(Math.floor(req.state.now().getTime() / 1000));
    const answer = await fetch(b.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ascora-timestamp": timestamp, "x-ascora-signature": signAscoraWebhook(b.webhook.secret, timestamp, raw) },
      body: raw,
    });
    delivered = answer.status;
  }
  return { status: 200, body: { job, webhookStatus: delivered } };
}

export const registerJobRoutes: FakeRouteModule = (router) => {
  router.on("POST", "/jobs", createJob);
  router.on("GET", "/jobs", (req) => {
    const ext = req.query.get("externalReference");
    const all = [...jobs(req).values()];
    if (ext !== null) return { status: 200, body: { Results: all.filter((j) => j.ExternalReference === ext), HasMore: false } };
    const since = new Date(req.query.get("modifiedSince") ?? 0);
    return { status: 200, body: { Results: all.filter((j) => new Date(String(j.LastModified)) >= since), HasMore: false } };
  });
  router.on("GET", "/jobs/:id", (req) => {
    const job = jobs(req).get(req.params.id!);
    return job ? { status: 200, body: job } : notFound;
  });
  router.on("POST", "/jobs/:id/notes", (req) =>
    addChild(req, notes(req), "NoteId", (b) => (typeof b.Note === "string" && b.Note.trim() ? { Note: b.Note } : "Note is required")),
  );
  router.on("POST", "/jobs/:id/attachments", (req) =>
    addChild(req, attachments(req), "AttachmentId", (b) =>
      typeof b.FileName === "string" && typeof b.ContentBase64 === "string"
        ? { FileName: b.FileName, ContentType: b.ContentType, Size: Buffer.from(b.ContentBase64, "base64").length }
        : "FileName and ContentBase64 are required",
    ),
  );
  router.on("GET", "/__control/jobs", (req) => ({
    status: 200,
    body: { jobs: [...jobs(req).values()], notes: [...notes(req).values()], attachments: [...attachments(req).values()] },
  }));
  router.on("POST", "/__control/jobs/:id/status", setStatus);
};
