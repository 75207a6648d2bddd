/**
 * "Pull now" on billing's External (Ascora) view: a run row the page polls,
 * then the import handed to Inngest. A run already going is returned instead
 * of starting a second one.
 */
import type { Db } from "@/server/db";
import type { SyncRun } from "@/server/generated/prisma/client";
import { getConnectorProvider } from "@/server/crm/connector-registry";
import { CrmError, crmNotFound } from "@/server/crm/errors";
import { dispatchAccountingImport } from "./dispatch-accounting-import";
import { ACCOUNTING_RUN_RUNNING } from "./import-ascora-accounting";

const RUN_STALE_MS = 15 * 60_000;

export async function startAccountingImport(db: Db, input: { connectionId: string; userId: string }): Promise<SyncRun> {
  const conn = await db.crmConnection.findUnique({ where: { id: input.connectionId } });
  if (!conn || conn.deletedAt) throw crmNotFound("The connection");
  if (!getConnectorProvider(conn.provider).importsAccounting) {
    throw new CrmError("bad_request", "This connection's CRM has no accounting API to import from", "connectionId");
  }
  if (!conn.enabled) throw new CrmError("bad_request", "Enable the connection first", "connectionId");
  const active = await db.syncRun.findFirst({
    where: { connectionId: conn.id, kind: "PULL", status: "RUNNING", message: ACCOUNTING_RUN_RUNNING, startedAt: { gt: new Date(Date.now() - RUN_STALE_MS) } },
  });
  if (active) return active;
  const run = await db.syncRun.create({
    data: { connectionId: conn.id, kind: "PULL", trigger: "manual", startedById: input.userId, message: ACCOUNTING_RUN_RUNNING },
  });
  await dispatchAccountingImport(conn.id, run.id);
  return run;
}
