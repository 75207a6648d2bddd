/** Billable metrics: create, update, list, delete (only while nothing uses them). */
import { metricSchema, type MetricInput } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import { BillingError, isUniqueViolation, notFound } from "../errors";

/** Creates a metric; a taken code is a conflict naming the code. */
export async function createMetric(db: DbOrTx, input: MetricInput & { description?: string | null }) {
  const data = metricSchema.parse(input);
  try {
    return await db.billingMetric.create({ data: { ...data, description: input.description ?? null } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new BillingError("conflict", `A metric with code ${data.code} already exists`, { field: "code" });
    }
    throw error;
  }
}

/**
 * Updates a metric. The code is fixed once usage has been pushed under it,
 * because source apps address the metric by that code.
 */
export async function updateMetric(db: DbOrTx, id: string, input: MetricInput & { description?: string | null }) {
  const data = metricSchema.parse(input);
  const current = await db.billingMetric.findUnique({ where: { id } });
  if (!current) throw notFound("Metric", id);
  if (current.code !== data.code) {
    const used = await db.billingUsageRecord.findFirst({ where: { metricId: id }, select: { id: true } });
    if (used) {
      throw new BillingError("invalid_state", `The code of ${current.code} cannot change: usage has already been pushed under it`, {
        field: "code",
      });
    }
  }
  try {
    return await db.billingMetric.update({ where: { id }, data: { ...data, description: input.description ?? null } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new BillingError("conflict", `A metric with code ${data.code} already exists`, { field: "code" });
    }
    throw error;
  }
}

/** Every metric with how many charges price it. */
export async function listMetrics(db: DbOrTx) {
  const rows = await db.billingMetric.findMany({ orderBy: { code: "asc" }, include: { _count: { select: { charges: true } } } });
  return rows.map(({ _count, ...m }) => ({ ...m, chargeCount: _count.charges }));
}

/** Deletes a metric that no charge and no usage refers to. */
export async function deleteMetric(db: DbOrTx, id: string): Promise<void> {
  const metric = await db.billingMetric.findUnique({
    where: { id },
    include: { _count: { select: { charges: true, usageRecords: true } } },
  });
  if (!metric) throw notFound("Metric", id);
  if (metric._count.charges > 0 || metric._count.usageRecords > 0) {
    throw new BillingError("invalid_state", `${metric.code} is used by ${metric._count.charges} charge(s) and has usage; it cannot be deleted`);
  }
  await db.billingMetric.delete({ where: { id } });
}
