import type { Db } from "../server/db";
import { hashPassword } from "../server/auth/password";
import { seedApprovals } from "./seed/approvals";
import { seedAudit } from "./seed/audit";
import { seedBilling } from "./seed/billing";
import { seedCrm } from "./seed/crm";
import { seedHelpdesk } from "./seed/helpdesk";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-accounts";

export { DEMO_PASSWORD, DEMO_USERS };


const ORGANISATIONS = [
  { label: "SWB", name: "Switchboard MSP", kind: "PROVIDER" },
  { label: "ENTECH", name: "Entech Solutions", kind: "CLIENT", ownerName: "Olivia Owner", ownerEmail: "owner@entech.example" },
  { label: "NORTHWIND", name: "Northwind Dental", kind: "CLIENT", ownerName: "Oscar Owner", ownerEmail: "owner@northwind.example" },
] as const;

/** Creates the demo organisations and users; running it again changes nothing. */
export async function seedIdentity(db: Db): Promise<void> {
  const orgIds = new Map<string, string>();
  for (const org of ORGANISATIONS) {
    const row = await db.organisation.upsert({
      where: { label: org.label },
      update: {},
      create: {
        label: org.label,
        name: org.name,
        kind: org.kind,
        ownerName: "ownerName" in org ? org.ownerName : null,
        ownerEmail: "ownerEmail" in org ? org.ownerEmail : null,
      },
    });
    orgIds.set(org.label, row.id);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: {},
      create: { email: u.email, name: u.name, passwordHash, emailVerified: new Date() },
    });
    const organisationId = orgIds.get(u.org)!;
    await db.membership.upsert({
      where: { userId_organisationId: { userId: user.id, organisationId } },
      update: {},
      create: { userId: user.id, organisationId, role: u.role },
    });
  }
}

/** Every seed step, in dependency order. Feature areas add theirs here. */
export async function seed(db: Db): Promise<void> {
  await seedIdentity(db);
  await seedAudit(db);
  await seedCrm(db);
  await seedHelpdesk(db);
  await seedApprovals(db);
  await seedBilling(db);
}
