/**
 * Customer calls as ASSUMED in server/crm/connectors/ascora/ascora-assumed-api.ts (A4, A15, A16):
 * no public document exists. Test code only.
 */
import { ASCORA_CUSTOMER_FIELDS, ASCORA_EXTERNAL_KEY_FIELD } from "@/server/crm/connectors/ascora/ascora-assumed-api";
import { errorBody, type FakeRequest, type FakeResponse, type FakeRouteModule } from "./fake-ascora-router";

// The fake serves exactly the assumed shape, so it takes the field list from the one file that states it.
const WRITABLE = new Set<string>([...ASCORA_CUSTOMER_FIELDS, ASCORA_EXTERNAL_KEY_FIELD]);

function fieldsOf(body: unknown): Record<string, unknown> | FakeResponse {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { status: 400, body: errorBody("SerializationException", "A JSON object is required") };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (!WRITABLE.has(k)) return { status: 400, body: errorBody("ArgumentException", `Unknown field ${k}`) };
    if (v !== null && typeof v !== "string") return { status: 400, body: errorBody("ArgumentException", `${k} must be a string`) };
    out[k] = v;
  }
  return out;
}

const isResponse = (x: unknown): x is FakeResponse => typeof (x as FakeResponse).status === "number";

function list(req: FakeRequest): FakeResponse {
  const ext = req.query.get("externalReference");
  const all = [...req.state.customers.values()];
  if (ext !== null) return { status: 200, body: { Results: all.filter((c) => c.ExternalReference === ext), HasMore: false } };
  const email = req.query.get("email");
  if (email !== null) {
    const same = all.filter((c) => typeof c.Email === "string" && c.Email.toLowerCase() === email.toLowerCase());
    return { status: 200, body: { Results: same, HasMore: false } };
  }
  const since = new Date(req.query.get("modifiedSince") ?? 0);
  if (Number.isNaN(since.getTime())) return { status: 400, body: errorBody("ArgumentException", "modifiedSince must be a date") };
  const page = Number(req.query.get("page") ?? 0);
  const size = Math.min(Number(req.query.get("pageSize") ?? 100), 500);
  const rows = [...all, ...req.state.deletedCustomers.values()]
    .filter((c) => new Date(String(c.LastModified)) >= since)
    .sort((a, b) => String(a.LastModified).localeCompare(String(b.LastModified)) || String(a.CustomerId).localeCompare(String(b.CustomerId)));
  const slice = rows.slice(page * size, page * size + size);
  return { status: 200, body: { Results: slice, HasMore: rows.length > (page + 1) * size } };
}

export const registerCustomerRoutes: FakeRouteModule = (router) => {
  router.on("GET", "/customers", list);
  router.on("GET", "/customers/:id", (req) => {
    const c = req.state.customers.get(req.params.id!);
    return c ? { status: 200, body: c } : { status: 404, body: errorBody("NotFound", "Customer not found") };
  });
  router.on("POST", "/customers", (req) => {
    const fields = fieldsOf(req.body);
    if (isResponse(fields)) return fields;
    if (!fields.LastName && !fields.CompanyName) return { status: 400, body: errorBody("ValidationException", "LastName or CompanyName is required") };
    return { status: 201, body: req.state.seedCustomer(fields) };
  });
  router.on("PUT", "/customers/:id", (req) => {
    const fields = fieldsOf(req.body);
    if (isResponse(fields)) return fields;
    const c = req.state.editCustomer(req.params.id!, fields);
    return c ? { status: 200, body: c } : { status: 404, body: errorBody("NotFound", "Customer not found") };
  });
  router.on("DELETE", "/customers/:id", (req) =>
    req.state.deleteCustomer(req.params.id!) ? { status: 204 } : { status: 404, body: errorBody("NotFound", "Customer not found") },
  );
};
