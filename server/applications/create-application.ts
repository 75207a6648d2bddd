import crypto from "node:crypto";
import type { CreateApplicationInput } from "@/lib/validators/applications";
import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { recordApplicationEvent, type ApplicationActor } from "./application-facts";
import { invalidApplicationInput } from "./errors";

// 32 symbols without look-alikes (0/O, 1/I); 256 is a multiple of 32, so masking a byte has no bias.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function generateApplicationNumber(): string {
  return `APP-${[...crypto.randomBytes(8)].map((b) => ALPHABET[b & 31]).join("")}`;
}

export function applicationSearchText(a: { number: string; applicantName: string; program: string; reference?: string | null }): string {
  return [a.number, a.applicantName, a.program, a.reference ?? ""].join(" ").toLowerCase();
}

/** A new application for a client organisation; a linked ticket must belong to the same organisation. */
export async function createApplication(db: Db, input: CreateApplicationInput, actor: ApplicationActor): Promise<{ id: string; number: string }> {
  const organisation = await db.organisation.findUnique({ where: { id: input.organisationId }, select: { kind: true } });
  if (!organisation || organisation.kind !== "CLIENT") throw invalidApplicationInput("organisationId", "Pick a client organisation");
  if (input.ticketNumber) {
    const ticket = await db.ticket.findUnique({ where: { number: input.ticketNumber }, select: { organisationId: true } });
    if (!ticket || ticket.organisationId !== input.organisationId) {
      throw invalidApplicationInput("ticketNumber", `No ticket ${input.ticketNumber} for this organisation`);
    }
  }
  const signaturePages = [...new Set(input.signaturePages)].sort((a, b) => a - b);
  if (signaturePages.some((p) => p > input.formPageCount)) {
    throw invalidApplicationInput("signaturePages", `Signature pages must be within the form's ${input.formPageCount} pages`);
  }
  for (let attempt = 0; ; attempt++) {
    const number = generateApplicationNumber();
    try {
      return await db.$transaction(async (tx) => {
        const created = await tx.application.create({
          data: {
            number,
            organisationId: input.organisationId,
            applicantName: input.applicantName,
            program: input.program,
            reference: input.reference ?? null,
            status: input.status,
            signaturePages,
            formPageCount: input.formPageCount,
            ticketNumber: input.ticketNumber ?? null,
            searchText: applicationSearchText({ number, ...input }),
            createdById: actor.userId,
          },
          select: { id: true, number: true, organisationId: true },
        });
        await recordApplicationEvent(tx, {
          applicationId: created.id,
          organisationId: created.organisationId,
          kind: "created",
          headline: "Application created",
          detail: `${input.program} for ${input.applicantName}`,
          actor,
        });
        return { id: created.id, number: created.number };
      });
    } catch (error) {
      // A number collision (60 random bits) is vanishingly rare: draw again.
      if (attempt < 3 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
}
