/**
 * Shared set-up for CRM engine tests: a fake Vtiger on 127.0.0.1, a stored
 * connection to it, no background dispatch (tests drain explicitly), and
 * short timeouts. Test code only.
 */
import { startFakeVtiger, type FakeVtigerHandle, type FakeVtigerOptions } from "@/e2e/fakes/vtiger/fake-vtiger-server";
import { db } from "@/server/db";
import type { CrmConnection } from "@/server/generated/prisma/client";
import { defaultVtigerModules } from "../connectors/vtiger/vtiger-defaults";
import { createConnection } from "../connections/manage-connections";
import { forgetConnector } from "../connection-runtime";
import { setSyncDispatcherForTests } from "../engine/dispatch";
import { drainConnectionQueue, type DrainOptions } from "../engine/drain-queue";

export const FAKE_USERS = [
  { username: "admin", accessKey: "fake-access-key", roleId: "H2", isAdmin: true },
  { username: "care1", accessKey: "k1", roleId: "H5", isAdmin: false, firstName: "Carol", lastName: "Care" },
  { username: "care2", accessKey: "k2", roleId: "H5", isAdmin: false, firstName: "Chris", lastName: "Care" },
];

export interface CrmKit {
  fake: FakeVtigerHandle;
  connection: CrmConnection;
  /** Wake-ups the services asked for (connection ids). */
  woken: string[];
  drain(opts?: DrainOptions): ReturnType<typeof drainConnectionQueue>;
  close(): Promise<void>;
}

/** Starts a fake Vtiger and stores a connection to it (all default modules enabled). */
export async function startCrmKit(opts: { fake?: FakeVtigerOptions; connection?: Partial<Parameters<typeof createConnection>[1]> } = {}): Promise<CrmKit> {
  process.env.CRM_REMOTE_TIMEOUT_MS = "1500";
  const fake = await startFakeVtiger({ users: FAKE_USERS, ...opts.fake });
  const woken: string[] = [];
  setSyncDispatcherForTests({
    push: async (ids) => {
      woken.push(...ids);
    },
    pull: async () => undefined,
  });
  const connection = await createConnection(
    db,
    {
      name: "Fake Vtiger",
      provider: "vtiger",
      baseUrl: fake.url,
      username: "admin",
      accessKey: "fake-access-key",
      modules: defaultVtigerModules() as Record<string, { fields: string[]; externalKeyField?: string }>,
      taskRoleId: "H5",
      staffRoleId: "H5",
      ...opts.connection,
    },
    { allowLoopback: true },
  );
  return {
    fake,
    connection,
    woken,
    drain: (o) => drainConnectionQueue(db, connection.id, { backoff: { baseMs: 0, maxMs: 0, jitter: "none" }, ...o }),
    close: async () => {
      forgetConnector(connection.id);
      setSyncDispatcherForTests(null);
      await fake.close();
    },
  };
}

/** Remote Contacts carrying a Switchboard id. */
export function contactsOf(fake: FakeVtigerHandle, localId?: string) {
  return fake.records.list("Contacts").filter((r) => (localId ? r.fields.cf_switchboard_id === localId : true));
}
