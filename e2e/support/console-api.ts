import { expect, type APIRequestContext } from "@playwright/test";
import { queryDb } from "./runtime";

/** Files a ticket through the console's own tRPC API, as whoever `request` is signed in as. */
export async function fileConsoleTicket(
  request: APIRequestContext,
  input: { org: string; subject: string; reporterEmail: string; description?: string; priority?: string },
): Promise<{ id: string; number: string }> {
  const [organisation] = await queryDb<{ id: string }>(`SELECT id FROM "Organisation" WHERE label = $1`, [input.org]);
  const response = await request.post("/api/trpc/helpdesk.tickets.create", {
    data: {
      json: {
        organisationId: organisation!.id,
        subject: input.subject,
        description: input.description ?? `${input.subject}: details for the support team.`,
        type: "service_upgrade",
        priority: input.priority ?? "normal",
        reporterName: "Eli Entech",
        reporterEmail: input.reporterEmail,
      },
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { id: string; number: string } } } }).result.data.json;
}
