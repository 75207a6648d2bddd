/**
 * Builds the rows of the legacy billing sample: deterministic (a seeded PRNG),
 * and messy the way the seed found the real data (missing e-mails, a bad
 * country, unknown plan references, void/draft/$0 invoices, add-ons and
 * "Remaining time on …" proration lines, 13 % and 0 % tax, `in_…` and
 * `lago:…` ids, invoice timestamps sync-stamped on one day, paid flags that lie).
 */
import Decimal from "decimal.js";

export interface SampleOptions {
  /** PRNG seed; the same seed gives the same rows. */
  seed?: number;
  /** Number of users (at least 12, so every messy case is present). */
  users?: number;
  /** Whole months of usage and invoices, ending before SAMPLE_ANCHOR. */
  months?: number;
}

/** The sample's "today": invoices cover the months before it. */
export const SAMPLE_ANCHOR = new Date(Date.UTC(2026, 10, 1));
/** When the legacy app re-synced its invoices from Stripe and stamped them all (the seed's lying timestamps). */
export const SAMPLE_SYNC_STAMP = new Date(Date.UTC(2026, 10, 27, 3, 14, 7));
/** The legacy app's CPU overage rate: 0.0075 per started core-hour beyond the quota. */
export const LEGACY_CPU_RATE = "0.0075";
export const LEGACY_CPU_BATCH = 3600;
/** Indexes of the deliberately bad users (0-based). */
export const MISSING_EMAIL_USER = 3;
export const BAD_COUNTRY_USER = 7;
/** Index of the deployment whose plan no longer exists. */
export const UNKNOWN_PLAN_DEPLOYMENT = 5;

type Row = Record<string, unknown>;

export interface SampleRows {
  users: Row[];
  plans: Row[];
  deployments: Row[];
  subscriptions: Row[];
  invoices: Row[];
  invoice_items: Row[];
  usage_records: Row[];
}

/** mulberry32: tiny, fast and good enough to make sample data repeatable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAN_SPECS = [
  { name: "Starter", monthly: "20.00", yearly: "200.00", quota: 18_000, active: true },
  { name: "Pro", monthly: "49.00", yearly: "490.00", quota: 72_000, active: true },
  { name: "Business", monthly: "99.00", yearly: "990.00", quota: 360_000, active: true },
  { name: "Managed Odoo - Standard", monthly: "214.50", yearly: "2145.00", quota: 180_000, active: true },
  { name: "Legacy Basic", monthly: "10.00", yearly: "100.00", quota: 3_600, active: false },
];

const FIRST = ["Ava", "Liam", "Noah", "Mia", "Zoe", "Ethan", "Priya", "Omar", "Chloe", "Lucas", "Hana", "Mateo"];
const LAST = ["Tremblay", "Singh", "Nguyen", "Roy", "Martin", "Chen", "Kowalski", "Okafor", "Gagnon", "Patel"];
const COMPANY = ["Maple Dental", "Northwind Legal", "Bayview Clinics", "Lakeshore Motors", "Cedar Accounting", "Harbour Logistics"];
/** Country as the legacy app stored it: ISO codes, names, lower case; the importer must normalise them. */
const COUNTRIES: Array<{ country: string; state: string; taxed: boolean }> = [
  { country: "CA", state: "ON", taxed: true },
  { country: "Canada", state: "ON", taxed: true },
  { country: "CA", state: "ON", taxed: true },
  { country: "US", state: "NY", taxed: false },
  { country: "ca", state: "ON", taxed: true },
  { country: "United States", state: "WA", taxed: false },
];
const ADD_ONS = [
  { description: "Daily Backup Protection", unitPrice: "5.00" },
  { description: "WhatsApp Business Messaging", unitPrice: "15.00" },
  { description: "Forms Builder", unitPrice: "9.00" },
  { description: "White Label Branding", unitPrice: "25.00" },
];
const HOSTING = [
  { description: "Odoo ERP Hosting", unitPrice: "214.50" },
  { description: "WordPress Website Hosting", unitPrice: "35.00" },
];

function monthStart(offsetFromAnchor: number): Date {
  return new Date(Date.UTC(SAMPLE_ANCHOR.getUTCFullYear(), SAMPLE_ANCHOR.getUTCMonth() + offsetFromAnchor, 1));
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function money(d: Decimal): string {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** What the legacy app billed for CPU beyond the quota (started core-hours × rate, to the cent). */
export function legacyOverage(cpuSeconds: number, quota: number): string {
  const billable = Math.max(0, cpuSeconds - quota);
  return money(new Decimal(Math.ceil(billable / LEGACY_CPU_BATCH)).times(LEGACY_CPU_RATE));
}

export function buildSampleRows(opts: SampleOptions = {}): SampleRows {
  const rand = prng(opts.seed ?? 15);
  const userCount = Math.max(12, opts.users ?? 24);
  const months = Math.max(1, opts.months ?? 3);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;
  const alnum = (n: number) =>
    Array.from({ length: n }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(rand() * 62)]).join("");

  const rows: SampleRows = { users: [], plans: [], deployments: [], subscriptions: [], invoices: [], invoice_items: [], usage_records: [] };
  const product = uuid();
  const plans = PLAN_SPECS.map((p) => {
    const row = {
      id: uuid(),
      product_id: product,
      name: p.name,
      price_monthly: p.monthly,
      price_yearly: p.yearly,
      stripe_price_id: `price_${alnum(14)}`,
      cpu_seconds_quota: p.quota,
      is_active: p.active,
    };
    rows.plans.push(row);
    return { ...p, id: row.id };
  });
  const unknownPlanId = uuid();

  let invoiceSeq = 0;
  // The oldest invoices predate the move to Stripe and carry Lago ids.
  const lagoCutoff = monthStart(-months + 1);
  const addInvoice = (inv: {
    userId: string;
    subscriptionId: string | null;
    periodStart: Date;
    periodEnd: Date;
    taxed: boolean;
    items: Array<{ description: string; quantity?: string; unitPrice: string }>;
    status?: "paid" | "open" | "void" | "draft";
  }) => {
    invoiceSeq += 1;
    const id = uuid();
    const lago = inv.periodStart < lagoCutoff;
    let subtotal = new Decimal(0);
    for (const item of inv.items) {
      const amount = new Decimal(item.unitPrice).times(item.quantity ?? "1");
      subtotal = subtotal.plus(amount);
      rows.invoice_items.push({
        id: uuid(),
        invoice_id: id,
        description: item.description,
        quantity: item.quantity ?? "1",
        unit_price: item.unitPrice,
        amount: money(amount),
        period_start: inv.periodStart,
        period_end: inv.periodEnd,
      });
    }
    const tax = inv.taxed ? subtotal.times("0.13") : new Decimal(0);
    const total = new Decimal(money(subtotal)).plus(money(tax));
    const status = inv.status ?? (subtotal.isZero() ? "paid" : rand() < 0.8 ? "paid" : "open");
    const realDate = new Date(inv.periodEnd.getTime() + 3_600_000);
    // Most rows were re-synced on one night: created_at, updated_at and paid_at all say so.
    const stamped = rand() < 0.7;
    const paid = status === "paid";
    rows.invoices.push({
      id,
      user_id: inv.userId,
      subscription_id: inv.subscriptionId,
      stripe_invoice_id: lago ? `lago:${uuid()}` : `in_${alnum(24)}`,
      invoice_number: lago ? `NEX-${String(invoiceSeq).padStart(4, "0")}` : `${alnum(8).toUpperCase()}-${String(invoiceSeq).padStart(4, "0")}`,
      currency: "CAD",
      status,
      subtotal: money(subtotal),
      tax: money(tax),
      total: money(total),
      amount_due: money(total),
      amount_paid: paid ? money(total) : "0.00",
      paid,
      paid_at: paid ? (stamped ? SAMPLE_SYNC_STAMP : realDate) : null,
      period_start: inv.periodStart,
      period_end: inv.periodEnd,
      created_at: stamped ? SAMPLE_SYNC_STAMP : realDate,
      updated_at: SAMPLE_SYNC_STAMP,
    });
    return id;
  };

  const STATUSES = ["active", "active", "active", "past_due", "trialing", "cancelled", "paused"] as const;
  let deploymentIndex = 0;
  for (let u = 0; u < userCount; u++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const place = COUNTRIES[u % COUNTRIES.length]!;
    const company = u % 4 === 1 ? null : `${pick(COMPANY)} ${u + 1}`;
    const email = `${first}.${last}.${u + 1}@example.test`.toLowerCase();
    const userId = uuid();
    const lagoEra = u % 5 === 4;
    rows.users.push({
      id: userId,
      email: u === MISSING_EMAIL_USER ? null : email,
      full_name: `${first} ${last}`,
      company,
      billing_email: u === MISSING_EMAIL_USER ? null : u % 3 === 0 ? `billing+${u + 1}@example.test` : null,
      billing_address: `${100 + Math.floor(rand() * 900)} ${pick(["King St W", "Queen St E", "Main St", "Bay St"])}`,
      billing_city: place.state === "ON" ? pick(["Toronto", "Ottawa", "Hamilton"]) : pick(["New York", "Seattle"]),
      billing_state: place.state,
      billing_postal_code: place.state === "ON" ? `M${Math.floor(rand() * 9)}V ${Math.floor(rand() * 9)}A${Math.floor(rand() * 9)}` : `${10000 + Math.floor(rand() * 89999)}`,
      billing_country: u === BAD_COUNTRY_USER ? "Narnia" : place.country,
      tax_id: place.taxed && u % 2 === 0 ? `${100000000 + Math.floor(rand() * 899999999)}RT0001` : null,
      stripe_customer_id: lagoEra ? null : `cus_${alnum(14)}`,
      created_at: new Date(Date.UTC(2025, u % 12, 1 + (u % 27))),
    });

    const deploymentsForUser = u % 3 === 2 ? 2 : 1;
    for (let k = 0; k < deploymentsForUser; k++) {
      const d = deploymentIndex++;
      const plan = plans[d % 4]!;
      const unknownPlan = d === UNKNOWN_PLAN_DEPLOYMENT;
      const cycle = d % 5 === 2 ? "yearly" : "monthly";
      const deploymentId = uuid();
      const subStatus = STATUSES[d % STATUSES.length]!;
      rows.deployments.push({
        id: deploymentId,
        user_id: userId,
        product_id: product,
        plan_id: unknownPlan ? unknownPlanId : plan.id,
        name: `${(company ?? last).toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${k + 1}`,
        status: subStatus === "cancelled" ? "stopped" : "running",
        billing_cycle: cycle,
        next_due_date: day(cycle === "monthly" ? SAMPLE_ANCHOR : monthStart(12 - months)),
        created_at: new Date(Date.UTC(2025, 11, 1 + d)),
      });
      const subscriptionId = uuid();
      rows.subscriptions.push({
        id: subscriptionId,
        user_id: userId,
        deployment_id: deploymentId,
        plan_id: unknownPlan ? unknownPlanId : plan.id,
        status: subStatus,
        billing_cycle: cycle,
        current_period_start: cycle === "monthly" ? SAMPLE_ANCHOR : monthStart(-months),
        current_period_end: cycle === "monthly" ? monthStart(1) : monthStart(12 - months),
        stripe_subscription_id: lagoEra ? null : `sub_${alnum(14)}`,
        created_at: new Date(Date.UTC(2025, 11, 1 + d)),
      });

      for (let m = -months; m < 0; m++) {
        const start = monthStart(m);
        const end = monthStart(m + 1);
        // About a third of the months go over the quota by a few core-hours.
        const over = rand() < 0.35;
        const cpu = over ? plan.quota + 1 + Math.floor(rand() * 5 * LEGACY_CPU_BATCH) : Math.floor(rand() * plan.quota);
        rows.usage_records.push({
          id: uuid(),
          deployment_id: deploymentId,
          subscription_id: subscriptionId,
          period_start: start,
          period_end: end,
          cpu_seconds: cpu,
          recorded_at: SAMPLE_SYNC_STAMP,
        });
        // Yearly plans bill the year up front, then CPU overage month by month.
        const flatDue = cycle === "monthly" || m === -months;
        if (!flatDue && legacyOverage(cpu, plan.quota) === "0.00") continue;
        const items: Array<{ description: string; unitPrice: string }> = [];
        if (subStatus === "trialing") {
          items.push({ description: `${plan.name} (trial) (${day(start)} to ${day(end)})`, unitPrice: "0.00" });
        } else {
          const price = cycle === "monthly" ? plan.monthly : plan.yearly;
          if (flatDue) items.push({ description: `${plan.name} (${day(start)} to ${day(end)})`, unitPrice: price });
          const overage = legacyOverage(cpu, plan.quota);
          if (overage !== "0.00") items.push({ description: `CPU overage beyond ${plan.quota / 3600} core-hours`, unitPrice: overage });
        }
        // Billed outside the metered model: an add-on and a proration line on some subscription invoices.
        if (d % 6 === 1 && m === -2) items.push(ADD_ONS[d % ADD_ONS.length]!);
        if (d % 6 === 3 && m === -1) {
          items.push({ description: `Remaining time on ${plan.name} after ${day(new Date(start.getTime() + 14 * 86_400_000))}`, unitPrice: "7.42" });
        }
        addInvoice({ userId, subscriptionId, periodStart: start, periodEnd: end, taxed: place.taxed, items });
      }
    }

    // Hosting and add-on invoices that never touched a subscriptions row (the seed's 94 %).
    if (u % 2 === 0) {
      const hosting = HOSTING[u % HOSTING.length]!;
      for (let m = -months; m < 0; m++) {
        const items: Array<{ description: string; unitPrice: string }> = [{ description: hosting.description, unitPrice: hosting.unitPrice }];
        if (m === -1 && u % 4 === 0) items.push(ADD_ONS[(u / 2) % ADD_ONS.length]!);
        if (m === -1 && u % 4 === 2) {
          items.push({ description: `Remaining time on ${ADD_ONS[0]!.description} after ${day(monthStart(m))}`, unitPrice: "2.50" });
        }
        addInvoice({ userId, subscriptionId: null, periodStart: monthStart(m), periodEnd: monthStart(m + 1), taxed: place.taxed, items });
      }
    }
  }

  // A void invoice the legacy app still calls paid, and two drafts that never finalised.
  const firstUser = rows.users[0]!.id as string;
  const lastMonth = monthStart(-1);
  const voidId = addInvoice({
    userId: firstUser,
    subscriptionId: null,
    periodStart: lastMonth,
    periodEnd: SAMPLE_ANCHOR,
    taxed: true,
    items: [{ description: "WordPress Website Hosting", unitPrice: "35.00" }],
    status: "void",
  });
  const voidRow = rows.invoices.find((i) => i.id === voidId)!;
  voidRow.paid = true;
  voidRow.paid_at = SAMPLE_SYNC_STAMP;
  for (const u of [rows.users[1]!, rows.users[2]!]) {
    addInvoice({
      userId: u.id as string,
      subscriptionId: null,
      periodStart: lastMonth,
      periodEnd: SAMPLE_ANCHOR,
      taxed: false,
      items: [{ description: "White Label Branding", unitPrice: "25.00" }],
      status: "draft",
    });
  }
  return rows;
}
