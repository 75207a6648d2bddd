import { describe, expect, it } from "vitest";
import {
  MAX_ATTACHMENT_BYTES,
  clientCreateTicketSchema,
  createTicketSchema,
  intakeTicketSchema,
  replySchema,
  ticketListQuerySchema,
  ticketNumberSchema,
} from "./helpdesk";

type Issues = { error?: { issues: { path: PropertyKey[]; message: string }[] } };
const fieldErrors = (r: Issues) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

const validTicket = {
  subject: "Internet down at the office",
  description: "Since 09:00 no connection on any floor.",
  type: "outage_report",
  organisationId: "org_1",
  reporterName: "Ada Lovelace",
  reporterEmail: "ada@example.com",
};

const b64 = (s: string) => Buffer.from(s).toString("base64");
const validIntake = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  subject: "Invoice looks wrong",
  description: "We were charged twice.",
  type: "billing_issue",
};

describe("createTicketSchema", () => {
  it("accepts a minimal ticket and fills defaults", () => {
    const t = createTicketSchema.parse({ ...validTicket, reporterEmail: "  Ada@Example.COM " });
    expect(t).toMatchObject({
      priority: "normal",
      reporterEmail: "ada@example.com",
      affectedServices: [],
      deviceSerials: [],
      tags: [],
    });
    expect(t.teamId).toBeUndefined();
  });

  it("names a bad e-mail, an unknown type and an unknown priority", () => {
    const r = createTicketSchema.safeParse({
      ...validTicket,
      reporterEmail: "ada-at-example",
      type: "broken_toaster",
      priority: "critical",
    });
    expect(fieldErrors(r)).toEqual({
      reporterEmail: 'Reporter e-mail "ada-at-example" is not a valid e-mail address',
      type: 'Unknown ticket type "broken_toaster"; use one of: general_inquiry, billing_issue, technical_support, installation_request, outage_report, service_upgrade, service_downgrade, cancellation_request, equipment_issue, speed_issue, network_issue, connectivity_issue',
      priority: 'Unknown priority "critical"; use one of: low, normal, high, urgent',
    });
  });

  it("names missing and out-of-range fields", () => {
    const r = createTicketSchema.safeParse({ subject: " a ", description: "", reporterEmail: "" });
    expect(fieldErrors(r)).toMatchObject({
      subject: "Subject must be at least 3 characters",
      description: "Description must not be empty",
      type: "Ticket type is required",
      organisationId: "Organisation is required",
      reporterName: "Reporter name is required",
      reporterEmail: "Reporter e-mail is required",
    });
    expect(fieldErrors(createTicketSchema.safeParse({ ...validTicket, subject: "x".repeat(201) }))).toEqual({
      subject: "Subject must be at most 200 characters",
    });
  });

  it("cleans lists and empty optional fields", () => {
    const t = createTicketSchema.parse({
      ...validTicket,
      tags: ["VIP", "vip ", " ", "Fibre"],
      affectedServices: ["internet", "internet", "voip"],
      deviceSerials: ["SN123", " SN456 "],
      serviceAddress: "   ",
      teamId: "",
      target: "provider",
    });
    expect(t.tags).toEqual(["vip", "fibre"]);
    expect(t.affectedServices).toEqual(["internet", "voip"]);
    expect(t.deviceSerials).toEqual(["SN123", "SN456"]);
    expect(t.serviceAddress).toBeUndefined();
    expect(t.teamId).toBeUndefined();
    expect(t.target).toBe("provider");
    expect(fieldErrors(createTicketSchema.safeParse({ ...validTicket, target: "bank" }))).toEqual({
      target: 'Unknown actor kind "bank"; use one of: customer, provider, partner, platform',
    });
  });

  it("the client variant ignores organisation and assignment sent by the browser", () => {
    const t = clientCreateTicketSchema.parse({ ...validTicket, organisationId: "someone_else", assigneeId: "u1" });
    expect(t).not.toHaveProperty("organisationId");
    expect(t).not.toHaveProperty("assigneeId");
  });
});

describe("replySchema", () => {
  it("defaults to a public reply and refuses unknown visibility", () => {
    expect(replySchema.parse({ body: "Thanks!" })).toEqual({ body: "Thanks!", visibility: "public", attachments: [] });
    expect(fieldErrors(replySchema.safeParse({ body: "  ", visibility: "secret" }))).toEqual({
      body: "Message must not be empty",
      visibility: 'Unknown visibility "secret"; use one of: public, internal',
    });
  });
});

describe("intakeTicketSchema", () => {
  it("accepts a ticket with attachments and diagnostics", () => {
    const t = intakeTicketSchema.parse({
      ...validIntake,
      attachments: [{ filename: "../log.txt", contentType: "Text/Plain", data: b64("line 1\n") }],
      diagnostics: { appVersion: "4.2.0", browser: "Firefox" },
    });
    expect(t.priority).toBe("normal");
    expect(t.attachments).toEqual([{ filename: "log.txt", contentType: "text/plain", data: b64("line 1\n") }]);
  });

  it("names bad e-mail, type, priority and attachment problems", () => {
    const r = intakeTicketSchema.safeParse({
      ...validIntake,
      email: "not an email",
      type: "nope",
      priority: "asap",
      attachments: [
        { filename: "x.exe", contentType: "application/x-msdownload", data: b64("MZ") },
        { filename: "y.png", contentType: "image/png", data: "not base64!" },
      ],
    });
    expect(fieldErrors(r)).toMatchObject({
      email: 'E-mail "not an email" is not a valid e-mail address',
      type: expect.stringMatching(/^Unknown ticket type "nope"/),
      priority: 'Unknown priority "asap"; use one of: low, normal, high, urgent',
      "attachments.0.contentType": expect.stringMatching(/^Attachment content type "application\/x-msdownload" is not allowed/),
      "attachments.1.data": "Attachment data must be base64 (no data: prefix, no line breaks)",
    });
  });

  it("enforces the size limit on decoded bytes", () => {
    const tooBig = "A".repeat(Math.ceil(((MAX_ATTACHMENT_BYTES + 3) * 4) / 3 / 4) * 4);
    const r = intakeTicketSchema.safeParse({
      ...validIntake,
      attachments: [{ filename: "big.pdf", contentType: "application/pdf", data: tooBig }],
    });
    expect(fieldErrors(r)["attachments.0.data"]).toMatch(/; the limit is 10 MB$/);
  });

  it("limits attachment count and diagnostics size", () => {
    const one = { filename: "a.txt", contentType: "text/plain", data: b64("a") };
    const r = intakeTicketSchema.safeParse({
      ...validIntake,
      attachments: Array.from({ length: 11 }, () => one),
      diagnostics: { blob: "x".repeat(40_000) },
    });
    expect(fieldErrors(r)).toEqual({
      attachments: "At most 10 attachments per message",
      diagnostics: "Diagnostics may be at most 32 KB as JSON",
    });
  });
});

describe("ticketListQuerySchema", () => {
  it("fills defaults", () => {
    expect(ticketListQuerySchema.parse({})).toEqual({
      status: [],
      priority: [],
      type: [],
      teamId: [],
      organisationId: [],
      slaState: [],
      assignee: [],
      sort: { field: "queue", dir: "asc" },
      page: 1,
      pageSize: 25,
    });
  });

  it("reads query-string shapes", () => {
    const q = ticketListQuerySchema.parse({
      search: "  router ",
      status: "open,in_progress",
      priority: ["urgent"],
      slaState: "breached",
      sort: "createdAt:asc",
      page: "3",
      pageSize: "50",
    });
    expect(q).toMatchObject({
      search: "router",
      status: ["open", "in_progress"],
      priority: ["urgent"],
      slaState: ["breached"],
      sort: { field: "createdAt", dir: "asc" },
      page: 3,
      pageSize: 50,
    });
  });

  it("names bad filters, sorts and paging", () => {
    const r = ticketListQuerySchema.safeParse({
      status: ["open", "pending"],
      sort: { field: "colour", dir: "up" },
      page: 0,
      pageSize: 101,
    });
    expect(fieldErrors(r)).toEqual({
      "status.1": 'Unknown status "pending"; use one of: open, in_progress, waiting_on_customer, resolved, closed',
      "sort.field": expect.stringMatching(/^Unknown sort field "colour"/),
      "sort.dir": 'Unknown sort direction "up"; use one of: asc, desc',
      page: "Page starts at 1",
      pageSize: "Page size may be at most 100",
    });
  });
});

describe("ticketNumberSchema", () => {
  it("accepts and canonicalises a number, refuses anything else", () => {
    expect(ticketNumberSchema.parse(" tck-7kq4mz2xhd9p")).toBe("TCK-7KQ4MZ2XHD9P");
    expect(fieldErrors(ticketNumberSchema.safeParse("TCK-123"))).toEqual({
      "": '"TCK-123" is not a ticket number (TCK- followed by 12 characters)',
    });
  });
});
