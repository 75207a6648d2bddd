import type { DbOrTx } from "@/server/db";
import { migrationNotFound } from "./errors";

/** CRM connections the wizard can read service contracts from (live Vtiger ones). */
export async function listMigrationConnections(db: DbOrTx) {
  return db.crmConnection.findMany({
    where: { deletedAt: null, provider: "vtiger" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, baseUrl: true },
  });
}

export async function getMigrationConnectionOrThrow(db: DbOrTx, connectionId: string) {
  const conn = await db.crmConnection.findFirst({
    where: { id: connectionId, deletedAt: null },
    select: { id: true, provider: true, baseUrl: true, username: true, secretCiphertext: true, modules: true },
  });
  if (!conn) throw migrationNotFound("No such CRM connection.");
  return conn;
}
