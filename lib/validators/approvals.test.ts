import { describe, expect, it } from "vitest";
import { approvalSettingsSchema, ownerContactSchema, sendApprovalRequestSchema } from "./approvals";

describe("approval validators", () => {
  it("reads reminder days from form text, refusing blanks, fractions and negatives", () => {
    expect(approvalSettingsSchema.parse({ reminderDays: "3" })).toEqual({ reminderDays: 3 });
    expect(approvalSettingsSchema.parse({ reminderDays: 0 })).toEqual({ reminderDays: 0 });
    expect(approvalSettingsSchema.safeParse({ reminderDays: "" }).success).toBe(false);
    expect(approvalSettingsSchema.safeParse({ reminderDays: "1.5" }).success).toBe(false);
    expect(approvalSettingsSchema.safeParse({ reminderDays: -1 }).success).toBe(false);
    expect(approvalSettingsSchema.safeParse({ reminderDays: 61 }).success).toBe(false);
  });

  it("wants both owner fields or neither, with a valid lower-cased e-mail", () => {
    expect(ownerContactSchema.parse({ ownerName: " Kris ", ownerEmail: " Kris@Example.COM " })).toEqual({ ownerName: "Kris", ownerEmail: "kris@example.com" });
    expect(ownerContactSchema.parse({ ownerName: "", ownerEmail: "" })).toEqual({ ownerName: "", ownerEmail: "" });
    const onlyName = ownerContactSchema.safeParse({ ownerName: "Kris", ownerEmail: "" });
    expect(onlyName.success ? [] : onlyName.error.issues.map((i) => i.path.join("."))).toEqual(["ownerEmail"]);
    expect(ownerContactSchema.safeParse({ ownerName: "Kris", ownerEmail: "kris@" }).success).toBe(false);
  });

  it("checks a request's shape: one ticket for a single request, summaries only for selected tickets, no duplicates", () => {
    expect(sendApprovalRequestSchema.safeParse({ ticketIds: ["a", "b"], mode: "single", summaries: [] }).success).toBe(false);
    expect(sendApprovalRequestSchema.safeParse({ ticketIds: ["a"], mode: "single", summaries: [{ ticketId: "b", summary: "x" }] }).success).toBe(false);
    expect(sendApprovalRequestSchema.safeParse({ ticketIds: ["a", "a"], mode: "bulk", summaries: [] }).success).toBe(false);
    expect(sendApprovalRequestSchema.parse({ ticketIds: ["a"], mode: "single", summaries: [], sendWithoutSummary: true })).toMatchObject({ note: "" });
  });

  it("refuses a request with an empty brief unless the agent chose to send without one", () => {
    const empty = sendApprovalRequestSchema.safeParse({ ticketIds: ["a", "b"], mode: "bulk", summaries: [{ ticketId: "a", summary: "Brief" }, { ticketId: "b", summary: "  " }] });
    expect(empty.success ? [] : empty.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["summaries", 'A ticket has no summary: write one, or choose "Send without a summary"'],
    ]);
    expect(sendApprovalRequestSchema.safeParse({ ticketIds: ["a"], mode: "single", summaries: [] }).success).toBe(false);
    expect(sendApprovalRequestSchema.safeParse({ ticketIds: ["a"], mode: "single", summaries: [{ ticketId: "a", summary: "Brief" }] }).success).toBe(true);
  });
});
