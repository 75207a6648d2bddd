import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { unsafeApprovalReport, unsafeListApprovalEngagements } from "./approval-report";
import { createClientWithOwner, createTestTicket } from "./testing/approval-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date("2027-02-20T12:00:00Z");

/** Writes engagements directly: the report only reads them. */
async function engagement(
  org: { id: string },
  state: "pending" | "approved" | "rejected" | "superseded",
  sentAt: Date,
  decidedAfterHours?: number,
) {
  const ticket = await createTestTicket(org.id);
  return db.approvalEngagement.create({
    data: {
      ticketId: ticket.id,
      organisationId: org.id,
      state,
      ownerName: "Kris",
      ownerEmail: "kris@client.test",
      summary: "",
      requestedByName: "Sam",
      sentAt,
      decidedAt: decidedAfterHours === undefined ? null : new Date(sentAt.getTime() + decidedAfterHours * HOUR),
      supersededAt: state === "superseded" ? new Date(sentAt.getTime() + HOUR) : null,
    },
  });
}

describe("approval reporting", () => {
  it("counts by organisation × state, computes average and median turnaround, counts stuck requests, and draws the timeline", async () => {
    const a = await createClientWithOwner({ label: "AAREP" });
    const b = await createClientWithOwner({ label: "BBREP" });
    const day = (n: number) => new Date(now.getTime() - n * DAY);
    await engagement(a, "approved", day(10), 2);
    await engagement(a, "approved", day(9), 4);
    await engagement(a, "rejected", day(9), 30);
    await engagement(a, "pending", day(8)); // stuck
    await engagement(a, "pending", day(1));
    await engagement(b, "approved", day(2), 10);
    await engagement(b, "superseded", day(3));

    const report = await unsafeApprovalReport(db, {}, now);
    const rowA = report.rows.find((r) => r.label === "AAREP")!;
    const rowB = report.rows.find((r) => r.label === "BBREP")!;
    expect(rowA).toMatchObject({ pending: 2, approved: 2, rejected: 1, superseded: 0, total: 5 });
    expect(rowA.averageHours).toBeCloseTo(12, 6); // (2 + 4 + 30) / 3
    expect(rowA.medianHours).toBe(4);
    expect(rowB).toMatchObject({ pending: 0, approved: 1, superseded: 1, total: 2, averageHours: 10, medianHours: 10 });
    expect(report.totals).toMatchObject({ total: 7, pending: 2, approved: 3, rejected: 1, superseded: 1, decided: 4, stuck: 1 });
    expect(report.totals.medianHours).toBe(7); // 2, 4, 10, 30
    expect(report.totals.averageHours).toBeCloseTo(11.5, 6);

    expect(report.timeline.bucket).toBe("day");
    expect(report.timeline.labels).toEqual(["AAREP", "BBREP"]);
    const point = (iso: string) => report.timeline.points.find((p) => p.period === iso);
    expect(point("2027-02-11")).toMatchObject({ AAREP: 2, BBREP: 0 });
    expect(point("2027-02-18")).toMatchObject({ AAREP: 0, BBREP: 1 });
    expect(point("2027-02-15")).toMatchObject({ AAREP: 0, BBREP: 0 }); // quiet days are drawn as zero
    expect(report.timeline.points.reduce((n, p) => n + Number(p.AAREP) + Number(p.BBREP), 0)).toBe(7);

    const onlyB = await unsafeApprovalReport(db, { organisationId: b.id }, now);
    expect(onlyB.rows.map((r) => r.label)).toEqual(["BBREP"]);
    expect(onlyB.totals.total).toBe(2);

    // A date range includes the whole "to" day.
    const range = await unsafeApprovalReport(db, { from: new Date("2027-02-11T00:00:00Z"), to: new Date("2027-02-12T00:00:00Z") }, now);
    expect(range.totals).toMatchObject({ total: 3, stuck: 1 });
  });

  it("lists engagements with filters and the pending > 7 days view", async () => {
    const c = await createClientWithOwner({ label: "CCLIST" });
    const stuck = await engagement(c, "pending", new Date(now.getTime() - 8 * DAY));
    const recent = await engagement(c, "pending", new Date(now.getTime() - 2 * DAY));
    const approved = await engagement(c, "approved", new Date(now.getTime() - 20 * DAY), 6);

    const all = await unsafeListApprovalEngagements(db, { page: 1, pageSize: 25, organisationId: c.id }, now);
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.id)).toEqual([recent.id, stuck.id, approved.id]); // newest first
    expect(all.rows.find((r) => r.id === approved.id)).toMatchObject({ turnaroundHours: 6, state: "approved", organisationLabel: "CCLIST", stuck: false });
    expect(all.rows.find((r) => r.id === stuck.id)?.stuck).toBe(true);

    const stuckView = await unsafeListApprovalEngagements(db, { page: 1, pageSize: 25, organisationId: c.id, stuck: true }, now);
    expect(stuckView.rows.map((r) => r.id)).toEqual([stuck.id]);

    const byState = await unsafeListApprovalEngagements(db, { page: 1, pageSize: 25, organisationId: c.id, state: "approved" }, now);
    expect(byState.rows.map((r) => r.id)).toEqual([approved.id]);

    const paged = await unsafeListApprovalEngagements(db, { page: 2, pageSize: 2, organisationId: c.id }, now);
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.rows.map((r) => r.id)).toEqual([approved.id]);
  });
});
