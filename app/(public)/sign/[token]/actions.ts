"use server";

import { headers } from "next/headers";
import { handleSignSubmission, type SignOutcome } from "@/server/applications/sign-submission";
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { db } from "@/server/db";
import { logger } from "@/server/logger";

export type SignFormState = SignOutcome | { status: "idle" };

const FIELDS = ["signedName", "signedRelationship", "signedOn", "signatureKind", "signatureImage", "typedSignature"] as const;

/** The signer's confirm (Next checks the Origin of server actions); the token comes from the hidden field. */
export async function signPageAction(_previous: SignFormState, data: FormData): Promise<SignFormState> {
  const h = await headers();
  const fields: Record<string, unknown> = {};
  for (const name of FIELDS) {
    const value = data.get(name);
    if (typeof value === "string" && value !== "") fields[name] = value;
  }
  const token = data.get("token");
  try {
    return await handleSignSubmission(db, { token: typeof token === "string" ? token : "", fields, ip: requestContextFromHeaders(h).ip });
  } catch (error) {
    logger.error("applications.sign_failed", { error: error instanceof Error ? error.message : String(error) });
    return { status: "error", message: "Something went wrong on our side and nothing was signed. Please try again in a minute." };
  }
}
