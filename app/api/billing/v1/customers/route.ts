import { apiCustomerSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, pageMeta, pagingFrom, readJson } from "@/server/billing/api/api-handler";
import { upsertCustomerForService } from "@/server/customers/upsert-customer-for-service";
import { lagoCustomerJson } from "@/server/billing/lago/customer-json";
import { lagoCustomerInput } from "@/server/billing/lago/customer-input";
import { db } from "@/server/db";

// POST /api/billing/v1/customers – Lago's create-or-update of the customer behind one of the service's accounts (identity resolution)
export const POST = billingApi("customers.upsert", async ({ request, service }) => {
  const { customer: c } = apiCustomerSchema.parse(await readJson(request));
  const existing = await db.billingAccountLink.findUnique({
    where: { serviceId_externalId: { serviceId: service.id, externalId: c.external_id } },
    select: { customer: { select: { name: true } } },
  });
  const result = await upsertCustomerForService(db, service.id, c.external_id, lagoCustomerInput(c, existing?.customer.name ?? null));
  return jsonResponse(result.created ? 201 : 200, { customer: lagoCustomerJson(result.customer, c.external_id) });
});

// GET /api/billing/v1/customers – the customers linked to this service's accounts
export const GET = billingApi("customers.list", async ({ request, service }) => {
  const paging = pagingFrom(new URL(request.url));
  const where = { serviceId: service.id };
  const [links, total] = await Promise.all([
    db.billingAccountLink.findMany({
      where,
      include: { customer: true },
      orderBy: { createdAt: "asc" },
      skip: (paging.page - 1) * paging.pageSize,
      take: paging.pageSize,
    }),
    db.billingAccountLink.count({ where }),
  ]);
  return jsonResponse(200, {
    customers: links.map((l) => lagoCustomerJson(l.customer, l.externalId)),
    meta: pageMeta({ total, ...paging }),
  });
});
