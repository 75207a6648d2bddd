import type { DbOrTx } from "@/server/db";
import type { TimeLogSettingsInput } from "@/lib/validators/contract-migration";
import { readFromCrm, type ContractSource, type TimeLogSource } from "./crm-source";
import { badMigrationInput } from "./errors";

/** The connection's time-log module, or null: then the hours recorded on the cases are used. */
export async function getTimeLogSettings(db: DbOrTx, connectionId: string): Promise<TimeLogSource | null> {
  const row = await db.contractMigrationSettings.findUnique({ where: { connectionId } });
  if (!row) return null;
  const { timeLogModule, hoursField, dateField, descriptionField, relationField } = row;
  return { timeLogModule, hoursField, dateField, descriptionField, relationField };
}

/**
 * Saves where time logs live after checking every named field against the
 * module's describe: a typo would otherwise load zero time logs and look
 * like a contract without any. `module: null` clears it.
 */
export async function saveTimeLogSettings(db: DbOrTx, source: ContractSource, input: TimeLogSettingsInput, actorUserId: string) {
  if (!input.settings) {
    await db.contractMigrationSettings.deleteMany({ where: { connectionId: input.connectionId } });
    return null;
  }
  const s = input.settings;
  const describe = await readFromCrm(`the ${s.timeLogModule} module`, () => source.describe(s.timeLogModule)).catch((e: unknown) => {
    throw badMigrationInput("unknown_module", `The CRM has no module "${s.timeLogModule}" this user can read (${(e as Error).message})`, "settings.timeLogModule");
  });
  const fields = new Map(describe.fields.map((f) => [f.name, f]));
  const need = (field: keyof typeof s, name: string | null | undefined, check?: (t: string, refersTo?: string[]) => string | null) => {
    if (!name) return;
    const f = fields.get(name);
    if (!f) throw badMigrationInput("unknown_field", `${s.timeLogModule} has no field "${name}".`, `settings.${field}`);
    const problem = check?.(f.type.name, f.type.refersTo);
    if (problem) throw badMigrationInput("wrong_field_type", `${s.timeLogModule}.${name} ${problem}`, `settings.${field}`);
  };
  need("hoursField", s.hoursField, (t) => (["double", "integer", "decimal", "currency", "string"].includes(t) ? null : `is a ${t} field, not a number of hours.`));
  need("dateField", s.dateField, (t) => (["date", "datetime"].includes(t) ? null : `is a ${t} field, not a date.`));
  need("descriptionField", s.descriptionField);
  need("relationField", s.relationField, (t, refersTo) =>
    t === "reference" && refersTo?.includes("ServiceContracts") ? null : "does not point at ServiceContracts.",
  );
  const data = {
    timeLogModule: describe.name,
    hoursField: s.hoursField,
    dateField: s.dateField || null,
    descriptionField: s.descriptionField || null,
    relationField: s.relationField,
    updatedById: actorUserId,
  };
  await db.contractMigrationSettings.upsert({ where: { connectionId: input.connectionId }, create: { connectionId: input.connectionId, ...data }, update: data });
  return getTimeLogSettings(db, input.connectionId);
}
