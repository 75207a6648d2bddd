/**
 * What a provider wants done after each pull of a connection (Ascora: import
 * invoices and payments, which need the customers the pull just linked). The
 * engine only asks the registry; it knows nothing of the work itself.
 */
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { getConnectorProvider } from "../connector-registry";

export async function runAfterPull(db: Db, connectionId: string): Promise<void> {
  const connection = await db.crmConnection.findUnique({ where: { id: connectionId }, select: { provider: true, enabled: true, deletedAt: true } });
  if (!connection || !connection.enabled || connection.deletedAt) return;
  try {
    await getConnectorProvider(connection.provider).afterPull?.(connectionId);
  } catch (error) {
    logger.error("crm.after_pull_failed", { connectionId, err: error });
  }
}
