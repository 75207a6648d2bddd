import { expect } from "vitest";
import { createApplication } from "../create-application";
import { ApplicationError } from "../errors";
import type { ApplicationActor } from "../application-facts";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";

export const STAFF: ApplicationActor = { userId: null, name: "Sam Staff" };
export const LIMITS = { maxPdfBytes: 2 * 1024 * 1024 };
export const CONFIG = { maxPdfBytes: LIMITS.maxPdfBytes, signingLinkTtlDays: 7, appUrl: "http://localhost:3000" };

/** A fresh client organisation and an application in `status`. */
export async function createTestApplication(status: "assessment_completed" | "waiting_for_application" = "waiting_for_application") {
  const org = await createTestOrganisation();
  const created = await createApplication(
    db,
    { organisationId: org.id, applicantName: "Ada Applicant", program: "ADP mobility", reference: undefined, ticketNumber: undefined, signaturePages: [11, 12], formPageCount: 14, status },
    STAFF,
  );
  return { org, ...created };
}

/** Awaits a promise expected to fail with an ApplicationError and returns it. */
export async function refusal(promise: Promise<unknown>): Promise<ApplicationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationError);
  return error as ApplicationError;
}
