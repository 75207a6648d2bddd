/**
 * The FieldJobGateway of a connection, by its provider. The Ascora gateway is
 * built on the Ascora connector's HTTP client (server/crm/connectors/ascora/).
 */
import type { Db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { createAscoraFieldJobGateway } from "./ascora-field-job-gateway";
import type { FieldJobGateway } from "./field-job-gateway";

type GatewayBuilder = (db: Db, connectionId: string) => Promise<FieldJobGateway>;

const BUILDERS = new Map<string, GatewayBuilder>([["ascora", createAscoraFieldJobGateway]]);

/** Replaces a provider's gateway builder (tests use a recording double). */
export function registerFieldJobGateway(provider: string, build: GatewayBuilder): void {
  BUILDERS.set(provider, build);
}

export async function fieldJobGatewayFor(db: Db, connectionId: string): Promise<FieldJobGateway> {
  const connection = await db.crmConnection.findUniqueOrThrow({ where: { id: connectionId }, select: { provider: true } });
  const build = BUILDERS.get(connection.provider);
  if (!build) throw new ConnectorError("config", `Connections of provider "${connection.provider}" cannot take field jobs`);
  return build(db, connectionId);
}
