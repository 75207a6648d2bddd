/**
 * Module metadata of the fake Vtiger, taken from the `describe` and
 * `listtypes` answers recorded on a real Vtiger CRM 8.4.0
 * (recorded-8.4/, see its README): field names, order, types, mandatory
 * flags and id prefixes are Vtiger's own, so `describe` answers verbatim.
 * What the recordings do not show (how defaults are stored) is written next
 * to the rule that assumes it. Test code only.
 */
import accounts from "./recorded-8.4/08-describe-accounts.json";
import calendar from "./recorded-8.4/10-describe-calendar.json";
import contacts from "./recorded-8.4/07-describe-contacts.json";
import documents from "./recorded-8.4/12-describe-documents.json";
import listtypes from "./recorded-8.4/06-listtypes.json";
import modcomments from "./recorded-8.4/11-describe-modcomments.json";
import users from "./recorded-8.4/09-describe-users.json";
import serviceContracts from "./recorded-8.4/sc-01-describe-servicecontracts.json";
import helpDesk from "./recorded-8.4/sc-02-describe-helpdesk.json";
import { TIMELOGS_DESCRIBE } from "./fake-vtiger-timelogs";

interface RecordedField {
  name: string;
  mandatory: boolean;
  editable: boolean;
  default?: string;
  type: { name: string; refersTo?: string[] };
}

export interface FakeFieldDef {
  name: string;
  type: string;
  mandatory: boolean;
  editable: boolean;
  refersTo?: string[];
  /** Never returned by retrieve/query (Users' passwords and access key). */
  hidden: boolean;
}

export interface FakeModuleDef {
  name: string;
  label: string;
  singular: string;
  /** The web-service entity id: record ids look like `<idPrefix>x<crmid>`. */
  idPrefix: string;
  labelFields: string[];
  /** Every field but `id`, in describe order (the order records come back in). */
  fields: FakeFieldDef[];
  /** The recorded `describe` result. */
  describe: Record<string, unknown>;
  /** Auto-numbered field (contact_no, account_no) and its prefix. */
  autoNumber?: { field: string; prefix: string };
  /** Users live outside vtiger_crmentity: no created/modified times, not in sync. */
  actor?: boolean;
}

const HIDDEN_USER_FIELDS = new Set(["user_password", "confirm_password", "accesskey"]);

function fromDescribe(
  recorded: { response: { body: { result: unknown } } },
  extra: Pick<FakeModuleDef, "autoNumber" | "actor"> & {
    /** Columns every row carries that describe does not list, and the field each follows (HelpDesk's update_log, sc-07). */
    undescribed?: { name: string; after: string }[];
  },
): FakeModuleDef {
  const d = recorded.response.body.result as Record<string, unknown> & {
    name: string;
    label: string;
    idPrefix: string;
    labelFields: string;
    fields: RecordedField[];
  };
  const info = (listtypes.response.body.result.information as Record<string, { singular: string } | undefined>)[d.name];
  const def: FakeModuleDef = {
    name: d.name,
    label: d.label,
    singular: info?.singular ?? d.name,
    idPrefix: d.idPrefix,
    labelFields: d.labelFields.split(","),
    fields: d.fields
      .filter((f) => f.name !== "id")
      .map((f) => ({
        name: f.name,
        type: f.type.name,
        mandatory: f.mandatory,
        editable: f.editable,
        refersTo: f.type.refersTo,
        hidden: d.name === "Users" && HIDDEN_USER_FIELDS.has(f.name),
      })),
    describe: d,
    autoNumber: extra.autoNumber,
    actor: extra.actor,
  };
  for (const u of extra.undescribed ?? []) {
    const at = def.fields.findIndex((f) => f.name === u.after) + 1;
    def.fields.splice(at, 0, { name: u.name, type: "text", mandatory: false, editable: false, hidden: false });
  }
  return def;
}

export const FAKE_MODULES: Record<string, FakeModuleDef> = {
  Contacts: fromDescribe(contacts, { autoNumber: { field: "contact_no", prefix: "CON" } }),
  Accounts: fromDescribe(accounts, { autoNumber: { field: "account_no", prefix: "ACC" } }),
  Calendar: fromDescribe(calendar, {}),
  ModComments: fromDescribe(modcomments, {}),
  Documents: fromDescribe(documents, {}),
  Users: fromDescribe(users, { actor: true }),
  ServiceContracts: fromDescribe(serviceContracts, { autoNumber: { field: "contract_no", prefix: "SERCON" } }),
  HelpDesk: fromDescribe(helpDesk, {
    autoNumber: { field: "ticket_no", prefix: "TT" },
    undescribed: [{ name: "update_log", after: "ticketcategories" }],
  }),
};

/** Only present when the fake plays an install that added a time-log module (`timeLogModule`). */
export const TIMELOGS_MODULE: FakeModuleDef = fromDescribe(TIMELOGS_DESCRIBE, {});

/**
 * Relations kept in vtiger_crmentityrel rather than in a field, by source
 * module and relation label (recorded sc-06): a contract's cases are its
 * "Service Requests".
 */
export const FAKE_RELATIONS: Record<string, Record<string, string>> = {
  ServiceContracts: { "Service Requests": "HelpDesk", Documents: "Documents" },
};

/** The recorded `listtypes` answer (35 types, entities and not). */
export const LISTTYPES_RESULT = listtypes.response.body.result;

/**
 * The value a column holds when a create leaves it out. Recorded: booleans
 * "0", doubles "0.00", counters "0", `source` "WEBSERVICE", everything else
 * "" (14, 61, 68). Assumed: the same for modules not recorded.
 */
export function storedDefault(def: FakeModuleDef, f: FakeFieldDef): string {
  if (f.name === "source") return "WEBSERVICE";
  if (f.name === "duration_minutes") return "0";
  if (f.type === "boolean") return "0";
  if (f.type === "double") return "0.00";
  if (f.type === "integer" && f.name !== "reminder_time") return "0";
  if (def.name === "Users" && f.name === "status") return "Active";
  return "";
}
