import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { ascoraControl } from "./fakes/ascora/fake-ascora-control-client";
import { queryDb, readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

interface FakeJob {
  JobId: string;
  JobNumber: string;
  ExternalReference?: string;
}
interface FakeJobs {
  jobs: FakeJob[];
  notes: { JobId: string; Note: string }[];
  attachments: { JobId: string; FileName: string; Size: number }[];
}

const CONNECTION_PREFIX = "Field Jobs Ascora";

// The fake Ascora is shared with e2e/ascora.spec.ts: this spec never resets it, uses its own
// connection and customer names, and leaves no enabled connection behind to pull or push later.
test.afterAll(async () => {
  await queryDb(`UPDATE "CrmConnection" SET "deletedAt" = now(), enabled = false WHERE name LIKE $1 AND "deletedAt" IS NULL`, [`${CONNECTION_PREFIX} %`]);
});

/** The fake's jobs, notes and attachments for the ticket (our reference starts with its number). */
async function fakeJobsOf(ticketNumber: string) {
  const all = await ascoraControl<FakeJobs>("jobs");
  const jobs = all.jobs.filter((j) => j.ExternalReference?.startsWith(`${ticketNumber}-`));
  const ids = new Set(jobs.map((j) => j.JobId));
  return { jobs, notes: all.notes.filter((n) => ids.has(n.JobId)), attachments: all.attachments.filter((a) => ids.has(a.JobId)) };
}

/** Reloads the ticket page until the field-job card shows `status` on its newest job (the webhook is handled after it answered). */
async function expectJobStatus(page: Page, status: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("field-job-status").first()).toHaveText(status, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

async function postMessage(page: Page, kind: "Public reply" | "Internal note", body: string, file?: { name: string; text: string }) {
  await page.getByLabel("Message kind").selectOption({ label: kind });
  await page.getByLabel(kind === "Public reply" ? /^Public reply/ : /^Internal note/).fill(body);
  if (file) await page.getByLabel("Attach files").setInputFiles({ name: file.name, mimeType: "text/plain", buffer: Buffer.from(file.text) });
  await page.getByRole("button", { name: kind === "Public reply" ? "Send reply" : "Add note" }).click();
  await expect(page.getByTestId("thread-message").filter({ hasText: body })).toBeVisible();
}

test("a field job from a console ticket: chosen attachment, status back by signed webhook, replies as notes, and a second job after the first is over", async ({ page }) => {
  test.setTimeout(180_000);
  const runtime = readRuntime();
  const tag = crypto.randomBytes(3).toString("hex");
  const connectionName = `${CONNECTION_PREFIX} ${tag}`;
  const orgLabel = `FJ${tag.toUpperCase()}`;
  const orgName = `Fielding Works ${tag}`;
  await queryDb(`INSERT INTO "Organisation" (id, name, label, "updatedAt") VALUES ($1, $2, $3, now())`, [`cm${crypto.randomBytes(10).toString("hex")}`, orgName, orgLabel]);
  await ascoraControl("customers", { FirstName: "Wren", LastName: `Fielding${tag}`, Email: `wren.${tag}@example.test`, Suburb: "Fremantle" });

  // Connect Ascora.
  await page.goto("/integrations/new");
  await page.getByLabel("CRM", { exact: true }).selectOption("ascora");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(connectionName);
  await page.getByLabel("Ascora API URL").fill(runtime.fakes.ascora!);
  await page.getByLabel("Ascora account (user name)").fill(runtime.fakes.ascoraUser!);
  await page.getByLabel("Password").fill(runtime.fakes.ascoraPassword!);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(`Connected as ${runtime.fakes.ascoraUser}`).first()).toBeVisible();
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: connectionName })).toBeVisible();
  const connectionId = new URL(page.url()).pathname.split("/").pop()!;

  // Job settings: a webhook secret (read first: saving the mapping reloads the form, which hides it), and "In Progress" moves the ticket to In progress.
  await page.getByRole("tab", { name: "Job settings" }).click();
  await page.getByRole("button", { name: "Make secret" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^ascwh_/);
  const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
  await page.getByRole("button", { name: "Add status" }).click();
  const row = page.getByTestId("status-mapping-row").last();
  await row.getByLabel("Ascora status").fill("In Progress");
  await row.getByLabel("Ticket status").selectOption({ label: "In progress" });
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Status mapping saved").first()).toBeVisible();

  // Sync the customer, and make it the client organisation's customer.
  await page.getByRole("tab", { name: "Dashboard" }).click();
  await page.getByRole("button", { name: "Pull now" }).click();
  await expect(page.getByTestId("run-progress").getByText("Pull finished")).toBeVisible();
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill(`Fielding${tag}`);
  await page.getByRole("link", { name: new RegExp(`Fielding${tag}`) }).first().click();
  await expect(page.getByTestId(`sync-state-${connectionId}`).getByText("Synced", { exact: true })).toBeVisible();
  await page.getByLabel("Client organisation").selectOption({ label: `${orgName} (${orgLabel})` });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved", { exact: true }).first()).toBeVisible();

  // A console ticket for that organisation, with a photo on a public reply.
  const subject = `No signal at the depot ${tag}`;
  await page.goto("/tickets");
  await page.getByRole("button", { name: "New ticket" }).click();
  const newTicket = page.getByRole("dialog");
  await newTicket.getByLabel("Organisation").selectOption({ label: `${orgLabel} · ${orgName}` });
  await newTicket.getByLabel("Type").selectOption({ label: "Outage report" });
  await newTicket.getByLabel("Reporter name").fill("Wren Fielding");
  await newTicket.getByLabel("Reporter e-mail").fill(`wren.${tag}@example.test`);
  await newTicket.getByLabel("Subject").fill(subject);
  await newTicket.getByLabel("Description").fill("The depot's fibre line is down; the ONT shows a red LOS light.");
  await newTicket.getByLabel("Service address").fill("4 Quay St, Fremantle");
  await newTicket.getByLabel("Affected services").fill("internet, voip");
  await newTicket.getByRole("button", { name: "File ticket" }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  const ticketNumber = (await page.getByTestId("ticket-number").textContent())!.trim();
  await postMessage(page, "Public reply", `We are looking into it ${tag}.`, { name: `ont-photo-${tag}.txt`, text: "red LOS light" });

  // Create the field job: a field error first, then with the photo picked.
  const card = page.getByTestId("field-jobs-card");
  await card.getByRole("button", { name: "Create field job" }).click();
  const dialog = page.getByRole("dialog");
  const connectionSelect = dialog.getByLabel("Connection");
  if (await connectionSelect.count()) await connectionSelect.selectOption({ label: connectionName });
  await expect(dialog.getByLabel("Site / service address")).toHaveValue("4 Quay St, Fremantle");
  await expect(dialog.getByLabel("Affected services")).toHaveValue("internet, voip");
  await dialog.getByLabel("Description for the technician").fill("");
  await dialog.getByRole("button", { name: "Create job" }).click();
  await expect(dialog.getByText("Description is required")).toBeVisible();
  await dialog.getByLabel("Description for the technician").fill(`Replace the ONT at the depot (${tag}).`);
  const photo = dialog.getByRole("checkbox", { name: `ont-photo-${tag}.txt` });
  await photo.focus();
  await page.keyboard.press("Space");
  await expect(photo).toBeChecked();
  await dialog.getByRole("button", { name: "Create job" }).click();
  await expect(dialog).toBeHidden();

  // The job's number, link and status on the ticket; the photo reached the job.
  const job = card.getByTestId("field-job").first();
  await expect(job.getByRole("link", { name: /^Job J\d+/ })).toBeVisible();
  await expect(job.getByTestId("field-job-status")).toHaveText("Unscheduled");
  const [remote] = (await fakeJobsOf(ticketNumber)).jobs;
  expect(remote).toBeDefined();
  await expect(job.getByRole("link", { name: new RegExp(`^Job ${remote!.JobNumber}`) })).toHaveAttribute("href", new RegExp(remote!.JobId));
  await expect.poll(async () => (await fakeJobsOf(ticketNumber)).attachments.map((a) => a.FileName)).toEqual([`ont-photo-${tag}.txt`]);

  // Ascora moves the job to In Progress and sends the signed webhook: the trail and the mapped ticket status follow.
  const webhook = { url: `${runtime.appUrl}/api/webhooks/ascora/${connectionId}`, secret };
  const moved = await ascoraControl<{ webhookStatus: number }>(`jobs/${remote!.JobId}/status`, { status: "In Progress", webhook });
  expect(moved.webhookStatus).toBeLessThan(300);
  await expectJobStatus(page, "In Progress");
  await expect(page.getByTestId("ticket-status")).toHaveText("In progress");
  await page.getByRole("tab", { name: /^Trail/ }).click();
  await expect(page.getByTestId("trail-event").filter({ hasText: "Unscheduled → In Progress" })).toBeVisible();
  await page.getByRole("tab", { name: /^Conversation/ }).click();

  // A plain internal note stays here; a public reply reaches the job as a note (in order, so once the reply is there the note would be too).
  await postMessage(page, "Internal note", `Gate code 4411, do not share ${tag}`);
  await postMessage(page, "Public reply", `A technician will call ahead ${tag}.`);
  await expect.poll(async () => (await fakeJobsOf(ticketNumber)).notes.some((n) => n.Note.includes(`A technician will call ahead ${tag}.`))).toBe(true);
  expect((await fakeJobsOf(ticketNumber)).notes.filter((n) => n.Note.includes("Gate code"))).toEqual([]);

  // Completed in Ascora: the job is over, and the ticket can get a second job.
  await ascoraControl(`jobs/${remote!.JobId}/status`, { status: "Completed", webhook });
  await expectJobStatus(page, "Completed");
  await expect(card.getByText("job over")).toBeVisible();
  await card.getByRole("button", { name: "Create field job" }).click();
  if (await connectionSelect.count()) await connectionSelect.selectOption({ label: connectionName });
  await expect(dialog.getByRole("checkbox", { name: `ont-photo-${tag}.txt` })).not.toBeChecked();
  await dialog.getByRole("button", { name: "Create job" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId("field-job")).toHaveCount(2);
  await expect(card.getByTestId("field-job-status").first()).toHaveText("Unscheduled");
  await expect.poll(async () => (await fakeJobsOf(ticketNumber)).jobs.length).toBe(2);
});
