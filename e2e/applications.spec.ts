import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { makePdf, makePng } from "../server/applications/testing/pdf-fixtures";
import { latestEmailTo, linkIn, queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

type Upload = { name: string; mimeType: string; buffer: Buffer };
const pdf = async (name: string, pages: number): Promise<Upload> => ({ name, mimeType: "application/pdf", buffer: Buffer.from(await makePdf(pages)) });

/** Creates an ENTECH application through the console's own API, as the signed-in agent. */
async function createApplication(request: APIRequestContext, applicantName: string): Promise<string> {
  const [org] = await queryDb<{ id: string }>(`SELECT id FROM "Organisation" WHERE label = 'ENTECH'`);
  const response = await request.post("/api/trpc/applications.create", {
    data: { json: { organisationId: org!.id, applicantName, program: "ADP mobility", status: "waiting_for_application" } },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { number: string } } } }).result.data.json.number;
}

async function openWizard(page: Page, number: string) {
  await page.goto(`/applications/${number}`);
  await page.getByRole("button", { name: "Mark application received" }).click();
  return page.getByRole("dialog", { name: "Mark application received" });
}

const trail = (page: Page) => page.getByRole("list", { name: "Trail" });

test.describe.serial("applications intake", () => {
  test.use({ storageState: STORAGE.agent });
  const stamp = Date.now().toString(36).toUpperCase();
  let bundledNumber = "";

  test("bundled: a new application, PDF checks with page count, short-PDF hint, confirm, ready for submission", async ({ page }) => {
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "Applications", exact: true }).first().click();
    await expect(page.getByRole("heading", { name: "Applications" })).toBeVisible();
    await page.getByRole("button", { name: "New application" }).click();
    const create = page.getByRole("dialog", { name: "New application" });
    await create.getByLabel("Client").selectOption({ label: "ENTECH · Entech Solutions" });
    await create.getByLabel("Applicant").fill(`Bea Bundled ${stamp}`);
    await create.getByLabel("Program").fill("ADP mobility");
    await create.getByRole("button", { name: "Create application" }).click();
    await expect(page).toHaveURL(/\/applications\/APP-/);
    bundledNumber = page.url().split("/").pop()!;

    const wizard = await openWizard(page, bundledNumber);
    await expect(wizard.getByRole("radio", { name: /included in the original application/ })).toBeChecked();
    const original = wizard.getByLabel("Original application (PDF)");
    await original.setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(makePng()) });
    await expect(wizard.getByRole("alert")).toContainText("must be a PDF file");
    await original.setInputFiles(await pdf("short.pdf", 4));
    await expect(wizard.getByTestId("original-page-count")).toHaveText("short.pdf (4 pages)");
    await expect(wizard.getByTestId("original-short-hint")).toContainText("Only 4 of the form’s 14 pages");
    await original.setInputFiles(await pdf("application.pdf", 14));
    await expect(wizard.getByTestId("original-page-count")).toHaveText("application.pdf (14 pages)");
    await expect(wizard.getByTestId("original-short-hint")).toHaveCount(0);
    await wizard.getByLabel("Note (optional)").fill("Scanned whole at the front desk");
    await wizard.getByRole("button", { name: "Confirm received" }).click();
    await expect(wizard).toBeHidden();

    await expect(trail(page)).toContainText("Application received — bundled");
    await expect(trail(page)).toContainText("Pages 11 & 12 included in original PDF");
    await expect(trail(page)).toContainText("Note: Scanned whole at the front desk");
    await expect(page.getByRole("list", { name: "Documents" })).toContainText("application.pdf (14 pages)");
    await expect(page.getByTestId("has-signed-pages")).toHaveText("Yes");
    await page.getByRole("button", { name: "Mark ready for submission" }).click();
    await expect(trail(page)).toContainText("Status: Application received → Ready for submission");
  });

  test("separate: both files required, then stored; the wizard is gone once received", async ({ page }) => {
    const number = await createApplication(page.request, `Sid Separate ${stamp}`);
    const wizard = await openWizard(page, number);
    await wizard.getByRole("radio", { name: /are a separate file/ }).check();
    await wizard.getByLabel("Original application (PDF)").setInputFiles(await pdf("original.pdf", 12));
    await expect(wizard.getByTestId("original-page-count")).toContainText("(12 pages)");
    await wizard.getByRole("button", { name: "Confirm received" }).click();
    await expect(wizard.getByRole("alert").filter({ hasText: "signed pages file is required in separate mode" })).toBeVisible();
    await wizard.getByLabel("Signed pages 11 & 12 (PDF)").setInputFiles(await pdf("pages-11-12.pdf", 2));
    await expect(wizard.getByTestId("signedPages-page-count")).toHaveText("pages-11-12.pdf (2 pages)");
    await wizard.getByRole("button", { name: "Confirm received" }).click();
    await expect(wizard).toBeHidden();
    await expect(trail(page)).toContainText("Application received — separate files");
    await expect(trail(page)).toContainText("Original + separate signed pages uploaded");
    await expect(page.getByRole("list", { name: "Documents" })).toContainText("pages-11-12.pdf (2 pages)");
    await expect(page.getByRole("button", { name: "Mark application received" })).toHaveCount(0);
  });

  test("remote: refused until requested, then signed through the e-mailed link in a second browser", async ({ page, browser }) => {
    const number = await createApplication(page.request, `Rita Remote ${stamp}`);
    const signerEmail = `signer-${stamp.toLowerCase()}@example.test`;
    let wizard = await openWizard(page, number);
    await wizard.getByRole("radio", { name: /will be signed remotely/ }).check();
    await expect(wizard.getByText("No signing request yet")).toBeVisible();
    await wizard.getByLabel("Original application (PDF)").setInputFiles(await pdf("application.pdf", 14));
    await expect(wizard.getByTestId("original-page-count")).toContainText("(14 pages)");
    await wizard.getByRole("button", { name: "Confirm received" }).click();
    await expect(wizard.getByText("request a remote signature first, or pick another mode")).toBeVisible();
    await wizard.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "Request remote signature" }).click();
    const request = page.getByRole("dialog", { name: "Request remote signature" });
    await request.getByLabel("Signer name").fill("Pat Parent");
    await request.getByLabel("Relationship").fill("Parent");
    await request.getByLabel("Signer e-mail").fill(signerEmail);
    await request.getByLabel("PDF to sign").setInputFiles(await pdf("form.pdf", 14));
    await expect(request.getByTestId("source-page-count")).toContainText("(14 pages)");
    await request.getByRole("button", { name: "Send signing request" }).click();
    await expect(request).toBeHidden();
    await expect(page.getByTestId("signing-request")).toContainText("Sent");

    const mail = await latestEmailTo(signerEmail, "Please sign page 11 of application%");
    const link = linkIn(mail.text, "/sign/");
    const signer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const signerPage = await signer.newPage();
      await signerPage.goto(link);
      await expect(signerPage.getByRole("heading", { name: /Sign page 11 of the application for Rita Remote/ })).toBeVisible();
      const viewer = await signer.request.get(`${link}/page-pdf`);
      expect(viewer.headers()["content-type"]).toBe("application/pdf");
      expect((await viewer.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // A stroke drawn before the page has hydrated is lost: draw until the pad reports it.
      const pad = signerPage.getByTestId("signature-pad");
      await expect(async () => {
        // Mouse coordinates only reach the pad while it is on screen (the PDF above it is tall).
        await pad.scrollIntoViewIfNeeded();
        const box = (await pad.boundingBox())!;
        await signerPage.mouse.move(box.x + 20, box.y + box.height / 2);
        await signerPage.mouse.down();
        await signerPage.mouse.move(box.x + 120, box.y + 20, { steps: 8 });
        await signerPage.mouse.move(box.x + 220, box.y + box.height - 20, { steps: 8 });
        await signerPage.mouse.up();
        await expect(signerPage.getByText("Signature drawn.")).toBeVisible({ timeout: 2_000 });
      }).toPass();
      await signerPage.getByRole("button", { name: "Sign page" }).click();
      await expect(signerPage.getByRole("heading", { name: "Thank you — page 11 is signed" })).toBeVisible();

      // Single use: the same link now says so.
      await signerPage.goto(link);
      await expect(signerPage.getByRole("heading", { name: "This signing link is no longer valid" })).toBeVisible();
    } finally {
      await signer.close();
    }

    await page.reload();
    await expect(page.getByTestId("signing-request")).toContainText("Signed");
    await expect(trail(page)).toContainText("Page 11 signed remotely");
    const signedPdf = await page.request.get(await page.getByRole("link", { name: "Signed PDF" }).getAttribute("href").then((h) => h!));
    expect(signedPdf.headers()["content-type"]).toBe("application/pdf");

    wizard = await openWizard(page, number);
    await expect(wizard.getByRole("radio", { name: /will be signed remotely/ })).toBeChecked();
    await expect(wizard.getByText("Remote signature complete")).toBeVisible();
    await wizard.getByLabel("Original application (PDF)").setInputFiles(await pdf("application.pdf", 14));
    await expect(wizard.getByTestId("original-page-count")).toContainText("(14 pages)");
    await wizard.getByRole("button", { name: "Confirm received" }).click();
    await expect(wizard).toBeHidden();
    await expect(trail(page)).toContainText("Application received — remote signature pending");
    await expect(trail(page)).toContainText("Page 11 sent for remote signature (1 request(s) outstanding)");
    await page.getByRole("button", { name: "Mark ready for submission" }).click();
    await expect(trail(page)).toContainText("Status: Application received → Ready for submission");
  });

  test("the client admin sees the organisation's applications read-only in My Tickets", async ({ browser }) => {
    const context = await browser.newContext({ storageState: STORAGE.entechAdmin });
    try {
      const page = await context.newPage();
      await page.goto("/my-tickets");
      await page.getByRole("link", { name: "Applications" }).click();
      await page.getByLabel("Search applications").fill(`Bea Bundled ${stamp}`);
      await page.getByRole("link", { name: bundledNumber }).click();
      await expect(page.getByText("Ready for submission").first()).toBeVisible();
      await expect(page.getByRole("list", { name: "Trail" })).toContainText("Application received — bundled");
      await expect(page.getByText("Scanned whole at the front desk")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Mark application received" })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
