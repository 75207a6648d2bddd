import { APPLICATION_STATUS_LABELS, STATUS_MOVES, type ApplicationStatusValue } from "@/lib/applications/application-status";
import type { Db } from "@/server/db";
import { lockApplication, loadSignedPagesFacts, recordApplicationEvent, type ApplicationActor } from "./application-facts";
import { applicationConflict, applicationNotFound } from "./errors";
import { missingDocuments } from "./signed-pages";

/** Moves whose target needs the documents complete, and the words of the refusal. */
const DOCUMENT_GATES: Partial<Record<ApplicationStatusValue, string>> = {
  ready_for_submission: "Cannot mark ready for submission",
  closed: "Cannot close the case",
};

/**
 * One status move from the status buttons. "Application received" goes
 * through the wizard; "ready for submission" and "closed" (case close) check
 * the documents through the computed "has signed pages".
 */
export async function changeApplicationStatus(
  db: Db,
  input: { id: string; to: ApplicationStatusValue; note?: string; actor: ApplicationActor },
): Promise<{ status: ApplicationStatusValue }> {
  return db.$transaction(async (tx) => {
    const app = await lockApplication(tx, input.id);
    if (!app) throw applicationNotFound();
    const from = app.status;
    if (input.to === "application_received") {
      throw applicationConflict('Use "Mark application received" to record the documents.', "to");
    }
    if (!(STATUS_MOVES[from] ?? []).includes(input.to)) {
      throw applicationConflict(
        `An application in "${APPLICATION_STATUS_LABELS[from]}" cannot move to "${APPLICATION_STATUS_LABELS[input.to]}".`,
        "to",
      );
    }
    const gate = DOCUMENT_GATES[input.to];
    if (gate) {
      const missing = missingDocuments(await loadSignedPagesFacts(tx, app));
      if (missing.length > 0) throw applicationConflict(`${gate}: missing ${missing.join(" and ")}.`, "to");
    }
    await tx.application.update({ where: { id: app.id }, data: { status: input.to } });
    await recordApplicationEvent(tx, {
      applicationId: app.id,
      organisationId: app.organisationId,
      kind: "status_changed",
      headline: `Status: ${APPLICATION_STATUS_LABELS[from]} → ${APPLICATION_STATUS_LABELS[input.to]}`,
      note: input.note,
      actor: input.actor,
    });
    return { status: input.to };
  });
}
