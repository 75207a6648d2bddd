/**
 * Shared set-up for Ascora tests: a fake Ascora on 127.0.0.1, a stored
 * connection to it with the default modules, no background dispatch (tests
 * drain and pull explicitly). Test code only.
 */
import { afterAll, beforeAll } from "vitest";
import { FAKE_ASCORA_ACCOUNT, startFakeAscora, type FakeAscoraHandle } from "@/e2e/fakes/ascora/fake-ascora-server";
import { db } from "@/server/db";
import type { CrmConnection } from "@/server/generated/prisma/client";
import { defaultAscoraModules } from "../connectors/ascora/ascora-defaults";
import { createConnection } from "../connections/manage-connections";
import { forgetConnector } from "../connection-runtime";
import { setSyncDispatcherForTests } from "../engine/dispatch";
import { drainConnectionQueue, type DrainOptions } from "../engine/drain-queue";
import { startCrmKit, type CrmKit } from "./crm-test-kit";

export interface AscoraKit {
  fake: FakeAscoraHandle;
  connection: CrmConnection;
  drain(opts?: DrainOptions): ReturnType<typeof drainConnectionQueue>;
  close(): Promise<void>;
}

export async function startAscoraKit(opts: { password?: string; name?: string } = {}): Promise<AscoraKit> {
  process.env.CRM_REMOTE_TIMEOUT_MS = "1500";
  const fake = await startFakeAscora();
  setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined });
  const connection = await createConnection(
    db,
    {
      name: opts.name ?? "Fake Ascora",
      provider: "ascora",
      baseUrl: fake.url,
      username: FAKE_ASCORA_ACCOUNT.username,
      accessKey: opts.password ?? FAKE_ASCORA_ACCOUNT.password,
      modules: defaultAscoraModules() as Record<string, { fields: string[]; externalKeyField?: string }>,
    },
    { allowLoopback: true },
  );
  return {
    fake,
    connection,
    drain: (o) => drainConnectionQueue(db, connection.id, { backoff: { baseMs: 0, maxMs: 0, jitter: "none" }, ...o }),
    close: async () => {
      forgetConnector(connection.id);
      setSyncDispatcherForTests(null);
      await fake.close();
    },
  };
}

/** Links an Ascora customer id to a new local customer, as a customer pull would. */
export async function linkedCustomer(connectionId: string, ascoraCustomerId: string, name = "Linked Customer") {
  const customer = await db.customer.create({ data: { name, kind: "company" } });
  await db.syncLink.create({
    data: { connectionId, entity: "customer", entityId: customer.id, module: "Customers", externalId: ascoraCustomerId, status: "SYNCED" },
  });
  return customer;
}

/**
 * For a test file about one customer across two CRMs: a fake Vtiger and a
 * fake Ascora, each with a connection, started before its tests and closed after.
 */
export function startVtigerAndAscoraKits(): { vtiger: CrmKit; ascora: AscoraKit } {
  const kits = {} as { vtiger: CrmKit; ascora: AscoraKit };
  beforeAll(async () => {
    kits.vtiger = await startCrmKit();
    kits.ascora = await startAscoraKit();
  });
  afterAll(async () => {
    await kits.ascora?.close();
    await kits.vtiger?.close();
  });
  return kits;
}
