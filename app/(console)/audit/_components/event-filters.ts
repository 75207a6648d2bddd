import { loginEventFilterSchema, type LoginEventFilter } from "@/lib/validators/audit";

/** The filter form's values: strings as the inputs and the URL hold them. */
export interface EventFilterValues {
  result: string;
  reason: string;
  login: string;
  ip: string;
  country: string;
  userId: string;
  from: string;
  to: string;
  unknownUsers: boolean;
}

export const EMPTY_FILTERS: EventFilterValues = {
  result: "",
  reason: "",
  login: "",
  ip: "",
  country: "",
  userId: "",
  from: "",
  to: "",
  unknownUsers: false,
};

const KEYS = ["result", "reason", "login", "ip", "country", "userId", "from", "to"] as const;

/** Reads the filters from the page's search params (links from e-mails, the Users page, a shared URL). */
export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>): EventFilterValues {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.slice(0, 254) ?? "";
  };
  const values = { ...EMPTY_FILTERS };
  for (const key of KEYS) values[key] = one(key);
  values.unknownUsers = one("unknown") === "1";
  return values;
}

/** The URL query for the filters (empty ones left out). */
export function filtersToQuery(values: EventFilterValues, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const key of KEYS) if (values[key]) query.set(key, values[key]);
  if (values.unknownUsers) query.set("unknown", "1");
  for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value);
  return query.toString();
}

const DAY_START = "T00:00:00.000Z";
const DAY_END = "T23:59:59.999Z";

/**
 * Validates the form values into the procedures' filter input; dates are
 * whole UTC days (the tables show UTC). Returns field errors by input name.
 */
export function parseEventFilters(values: EventFilterValues): { ok: true; filter: LoginEventFilter } | { ok: false; errors: Record<string, string> } {
  const parsed = loginEventFilterSchema.safeParse({
    result: values.result || undefined,
    reason: values.reason || undefined,
    login: values.login,
    ip: values.ip,
    country: values.country,
    userId: values.userId,
    from: values.from ? `${values.from}${DAY_START}` : undefined,
    to: values.to ? `${values.to}${DAY_END}` : undefined,
    unknownUsers: values.unknownUsers || undefined,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors };
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) {
    return { ok: false, errors: { from: "Must be on or before the 'to' date" } };
  }
  return { ok: true, filter: parsed.data };
}
