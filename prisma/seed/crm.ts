import type { Db } from "../../server/db";

/** Demo customers (people and companies). No CRM connection: add one under Integrations. */
const CUSTOMERS = [
  { kind: "company", name: "Harbour Freight Co", email: "accounts@harbourfreight.example", phone: "+61 2 9000 1100", addressLine1: "12 Wharf Rd", city: "Sydney", region: "NSW", postalCode: "2000", country: "AU", taxId: "ABN 51 824 753 556" },
  { kind: "person", name: "Priya Raman", email: "priya.raman@mail.example", phone: "+61 412 555 019", city: "Melbourne", region: "VIC", country: "AU" },
  { kind: "person", name: "Tom O'Connell", email: "tom.oconnell@mail.example", phone: "+64 21 555 0199", city: "Auckland", country: "NZ" },
  { kind: "company", name: "Maple Dental Group", email: "office@mapledental.example", phone: "+1 416 555 0142", addressLine1: "300 King St W", city: "Toronto", region: "ON", postalCode: "M5V 1J5", country: "CA", taxId: "BN 123456789" },
] as const;

/** Creates the demo customers once (matched by e-mail); running it again changes nothing. */
export async function seedCrm(db: Db): Promise<void> {
  for (const c of CUSTOMERS) {
    const existing = await db.customer.findFirst({ where: { email: c.email }, select: { id: true } });
    if (!existing) await db.customer.create({ data: { ...c } });
  }
}
