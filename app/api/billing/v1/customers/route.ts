import { apiCustomerSchema } from "@/lib/validators/billing-api";
import { billingApi, jsonResponse, pageMeta, pagingFrom, readJson } from "@/server/billing/api/api-handler";
import { upsertCustomerForService } from "@/server/billing/customers/customers";
import { customerJson } from "@/server/billing/invoices/invoice-json";
import { db } from "@/server/db";

// POST /api/billing/v1/customers – create or update the customer behind one of the service's accounts (identity resolution)
export const POST = billingApi("customers.upsert", async ({ request, service }) => {
  const { customer: c } = apiCustomerSchema.parse(await readJson(request));
  const result = await upsertCustomerForService(db, service.id, c.external_id, {
    kind: c.kind,
    name: c.name,
    email: c.email,
    phone: c.phone,
    addressLine1: c.address?.line1,
    addressLine2: c.address?.line2,
    city: c.address?.city,
    region: c.address?.region,
    postalCode: c.address?.postal_code,
    country: c.address?.country,
    taxId: c.tax_id,
    ...(c.tax_rate_percent === undefined ? {} : { taxRatePercent: c.tax_rate_percent }),
  });
  return jsonResponse(result.created ? 201 : 200, { customer: customerJson(result.customer, c.external_id) });
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
    customers: links.map((l) => customerJson(l.customer, l.externalId)),
    meta: pageMeta({ total, ...paging }),
  });
});
