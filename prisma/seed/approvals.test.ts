import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { seedIdentity } from "../seed";
import { seedApprovals } from "./approvals";
import { seedHelpdesk } from "./helpdesk";

describe("seedApprovals", () => {
  it("puts a pending, an approved and a rejected request on demo tickets, once", async () => {
    await seedIdentity(db);
    await seedHelpdesk(db);
    await seedApprovals(db);
    const rows = await db.approvalEngagement.findMany({ include: { organisation: { select: { label: true } } }, orderBy: { sentAt: "asc" } });
    expect(rows.map((r) => [r.organisation.label, r.state])).toEqual([
      ["ENTECH", "pending"],
      ["NORTHWIND", "approved"],
      ["NORTHWIND", "rejected"],
    ]);
    expect(rows[0]!.remindedAt).not.toBeNull();
    expect(await db.ticketMessage.count({ where: { authorKind: "owner" } })).toBe(2);

    await seedApprovals(db);
    expect(await db.approvalEngagement.count()).toBe(3);
  });
});
