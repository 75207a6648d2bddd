import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { SessionUser } from "@/server/auth/session-user";
import { createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { issueTicketAccessToken } from "./access-tokens";
import { attachmentResponse } from "./attachment-response";
import { createTicketInTx } from "./create-ticket";
import { getFollowLinkAttachment, getInboxAttachment } from "./inbox/get-inbox-attachment";
import { addTicketMessage } from "./post-message";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const file = (name: string, contentType: string, bytes: Buffer) => ({ filename: name, contentType, data: bytes.toString("base64") });

let user: SessionUser;
let outsider: SessionUser;
let ticketId: string;
let orgId: string;

beforeAll(async () => {
  const org = await createTestOrganisation();
  orgId = org.id;
  user = await createTestUser("CLIENT_USER", org);
  outsider = await createTestUser("CLIENT_ADMIN");
  const t = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: org.id,
      subject: "Screenshot of the error",
      description: "See the attached screenshot.",
      type: "technical_support",
      priority: "normal",
      reporterName: "Eli",
      reporterEmail: user.email,
      reporterUserId: user.id,
      channel: "inbox",
      author: { kind: "client_user", userId: user.id, name: "Eli", email: user.email },
      attachments: [file("error.png", "image/png", PNG)],
      acknowledge: false,
    }),
  );
  ticketId = t.id;
});

describe("attachments", () => {
  it("are stored in PostgreSQL with size and checksum, and refused when the bytes do not match the type", async () => {
    const stored = await db.ticketAttachment.findFirstOrThrow({ where: { ticketId } });
    expect(stored).toMatchObject({ filename: "error.png", contentType: "image/png", sizeBytes: PNG.length });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      db.$transaction((tx) =>
        addTicketMessage(tx, {
          ticketId,
          organisationId: orgId,
          author: { kind: "client_user", name: "Eli" },
          body: "Here is the log",
          attachments: [file("log.pdf", "application/pdf", Buffer.from("MZ\u0000binary"))],
        }),
      ),
    ).rejects.toMatchObject({ code: "invalid_input", field: "attachments.0" });
    expect(await db.ticketMessage.count({ where: { body: "Here is the log" } })).toBe(0);
  });

  it("reach client staff and link holders only from public messages of tickets they may see", async () => {
    const note = await db.$transaction((tx) =>
      addTicketMessage(tx, {
        ticketId,
        organisationId: orgId,
        author: { kind: "agent", name: "Sam" },
        body: "Internal: customer's firewall export",
        visibility: "internal",
        attachments: [file("firewall.txt", "text/plain", Buffer.from("secret rules"))],
      }),
    );
    const publicFile = await db.ticketAttachment.findFirstOrThrow({ where: { ticketId, filename: "error.png" } });
    const internalFile = await db.ticketAttachment.findFirstOrThrow({ where: { messageId: note.messageId } });

    expect(await getInboxAttachment(db, user, publicFile.id)).not.toBeNull();
    expect(await getInboxAttachment(db, user, internalFile.id)).toBeNull();
    expect(await getInboxAttachment(db, outsider, publicFile.id)).toBeNull();

    const link = await issueTicketAccessToken(db, { ticketId, recipientEmail: user.email });
    expect(await getFollowLinkAttachment(db, link.token, publicFile.id)).not.toBeNull();
    expect(await getFollowLinkAttachment(db, link.token, internalFile.id)).toBeNull();
    expect(await getFollowLinkAttachment(db, "x".repeat(43), publicFile.id)).toBeNull();
  });

  it("download as attachments with nosniff, never inline", async () => {
    const res = attachmentResponse({ filename: "report \"final\".pdf", contentType: "application/pdf", sizeBytes: 4, data: Buffer.from("%PDF") });
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="report final.pdf"/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe("%PDF");
    expect(attachmentResponse(null).status).toBe(404);
  });
});
