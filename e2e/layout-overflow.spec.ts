import { expect, test, type Page } from "@playwright/test";
import { queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// No console or inbox page is wider than the screen, on a phone (390 px) or a
// laptop (1280 px). Pages added by other features join PAGES: the one list.
// `{ticket}`, `{customer}`, `{user}`… are filled from the seeded database.

type Role = keyof typeof STORAGE;
interface PageCase {
  path: string;
  as: Role;
}

const PAGES: readonly PageCase[] = [
  // Console (provider admin sees every section)
  { path: "/dashboard", as: "admin" },
  { path: "/dashboard", as: "agent" },
  { path: "/tickets", as: "agent" },
  { path: "/tickets/{ticket}", as: "agent" },
  { path: "/approvals", as: "admin" },
  { path: "/approvals/settings", as: "admin" },
  { path: "/customers", as: "admin" },
  { path: "/customers/{customer}", as: "admin" },
  { path: "/integrations", as: "admin" },
  { path: "/integrations/new", as: "admin" },
  { path: "/billing", as: "admin" },
  { path: "/customers", as: "agent" },
  { path: "/billing/plans", as: "admin" },
  { path: "/billing/subscriptions", as: "admin" },
  { path: "/billing/invoices", as: "admin" },
  { path: "/billing/payments", as: "admin" },
  { path: "/billing/credit-notes", as: "admin" },
  { path: "/billing/metrics", as: "admin" },
  { path: "/billing/services", as: "admin" },
  { path: "/billing/webhooks", as: "admin" },
  { path: "/outbox", as: "admin" },
  { path: "/users", as: "admin" },
  { path: "/users/{user}", as: "admin" },
  { path: "/audit", as: "admin" },
  { path: "/audit/failures", as: "admin" },
  { path: "/audit/settings", as: "admin" },
  { path: "/settings/helpdesk", as: "admin" },
  { path: "/hour-cards", as: "admin" },
  { path: "/hour-cards/report", as: "admin" },
  { path: "/hour-cards/settings", as: "admin" },
  { path: "/contract-migration", as: "admin" },
  { path: "/contract-migration/archived", as: "agent" },
  { path: "/ledger", as: "admin" },
  { path: "/billing/migration", as: "admin" },
  { path: "/billing/external", as: "admin" },
  // Client inbox
  { path: "/my-tickets", as: "entechAdmin" },
  { path: "/my-tickets?scope=all", as: "entechAdmin" },
  { path: "/my-tickets/new", as: "entechUser" },
  { path: "/my-tickets/{inboxTicket}", as: "entechUser" },
  { path: "/settings/owner", as: "entechAdmin" },
  { path: "/my-tickets/hour-cards", as: "entechAdmin" },
];

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

/** Values for the placeholders, read once from the seeded database. */
async function placeholders(): Promise<Record<string, string>> {
  const one = async (sql: string) => (await queryDb<{ v: string }>(sql))[0]?.v ?? "";
  return {
    ticket: await one(`SELECT number AS v FROM "Ticket" ORDER BY "createdAt" LIMIT 1`),
    inboxTicket: await one(
      `SELECT t.number AS v FROM "Ticket" t JOIN "Organisation" o ON o.id = t."organisationId" WHERE o.label = 'ENTECH' AND t."reporterEmail" = 'user@entech.example' ORDER BY t."createdAt" LIMIT 1`,
    ),
    customer: await one(`SELECT id AS v FROM "Customer" ORDER BY "createdAt" LIMIT 1`),
    user: await one(`SELECT id AS v FROM "User" WHERE email = 'agent@switchboard.local'`),
  };
}

/** How far the page reaches past the viewport, and the elements that stick out furthest (for the failure message). */
async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const excess = document.documentElement.scrollWidth - width;
    const culprits: { right: number; name: string }[] = [];
    if (excess > 0) {
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
        const rect = el.getBoundingClientRect();
        if (rect.right > width + 1 && rect.width > 0) {
          const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : ""}`;
          culprits.push({ right: Math.round(rect.right), name });
        }
      }
    }
    culprits.sort((a, b) => b.right - a.right);
    return { excess, culprits: culprits.slice(0, 3).map((c) => `${c.name} → ${c.right}px`) };
  });
}

test.describe("no page is wider than the screen", () => {
  for (const viewport of WIDTHS) {
    test(`every console and inbox page at ${viewport.width} px`, async ({ browser }) => {
      test.setTimeout(PAGES.length * 20_000);
      const values = await placeholders();
      const problems: string[] = [];
      const byRole = new Map<Role, PageCase[]>();
      for (const p of PAGES) byRole.set(p.as, [...(byRole.get(p.as) ?? []), p]);
      for (const [role, cases] of byRole) {
        const context = await browser.newContext({ storageState: STORAGE[role], viewport });
        const page = await context.newPage();
        for (const c of cases) {
          const path = c.path.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
          const response = await page.goto(path);
          // Every page is checked in one run: a page that does not open is reported with the rest.
          if ((response?.status() ?? 0) >= 400) {
            problems.push(`${path} (${role}) answered ${response?.status()}`);
            continue;
          }
          await page.waitForLoadState("networkidle");
          const { excess, culprits } = await overflow(page);
          if (excess > 0) problems.push(`${path} (${role}) is ${excess}px too wide: ${culprits.join(", ")}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});

test("serves a favicon and the app icons the pages link to", async ({ page }) => {
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  await page.goto("/sign-in");
  for (const rel of ["icon", "apple-touch-icon"]) {
    const hrefs = await page.locator(`link[rel="${rel}"]`).evaluateAll((links) => links.map((l) => l.getAttribute("href") ?? ""));
    expect(hrefs.length, rel).toBeGreaterThan(0);
    for (const href of hrefs) expect((await page.request.get(href)).status(), href).toBe(200);
  }
});
