/**
 * The legacy billing database's tables and the columns Switchboard reads, as
 * the seed describes the provider's own app (FastAPI + PostgreSQL). This is the
 * one place both the sample generator and the read-only source agree on; the
 * source refuses to run when any of these is missing.
 */
export const LEGACY_TABLES = {
  users: [
    "id",
    "email",
    "full_name",
    "company",
    "billing_email",
    "billing_address",
    "billing_city",
    "billing_state",
    "billing_postal_code",
    "billing_country",
    "tax_id",
    "stripe_customer_id",
    "created_at",
  ],
  plans: [
    "id",
    "product_id",
    "name",
    "price_monthly",
    "price_yearly",
    "stripe_price_id",
    "cpu_seconds_quota",
    "is_active",
  ],
  deployments: ["id", "user_id", "product_id", "plan_id", "name", "status", "billing_cycle", "next_due_date", "created_at"],
  subscriptions: [
    "id",
    "user_id",
    "deployment_id",
    "plan_id",
    "status",
    "billing_cycle",
    "current_period_start",
    "current_period_end",
    "stripe_subscription_id",
    "created_at",
  ],
  invoices: [
    "id",
    "user_id",
    "subscription_id",
    "stripe_invoice_id",
    "invoice_number",
    "currency",
    "status",
    "subtotal",
    "tax",
    "total",
    "amount_due",
    "amount_paid",
    "paid",
    "paid_at",
    "period_start",
    "period_end",
    "created_at",
    "updated_at",
  ],
  invoice_items: ["id", "invoice_id", "description", "quantity", "unit_price", "amount", "period_start", "period_end"],
  usage_records: ["id", "deployment_id", "subscription_id", "period_start", "period_end", "cpu_seconds", "recorded_at"],
} as const;

export type LegacyTable = keyof typeof LEGACY_TABLES;

/** DDL of the sample database (the real one has more columns; these are the ones read). */
export const LEGACY_SAMPLE_DDL = `
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text,
  full_name text,
  company text,
  billing_email text,
  billing_address text,
  billing_city text,
  billing_state text,
  billing_postal_code text,
  billing_country text,
  tax_id text,
  stripe_customer_id text,
  created_at timestamptz NOT NULL
);
CREATE TABLE plans (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL,
  name text NOT NULL,
  price_monthly numeric(12,2) NOT NULL,
  price_yearly numeric(12,2) NOT NULL,
  stripe_price_id text,
  cpu_seconds_quota bigint NOT NULL,
  is_active boolean NOT NULL DEFAULT true
);
-- No foreign key on plan_id: the real data references plans that were deleted.
CREATE TABLE deployments (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  product_id uuid NOT NULL,
  plan_id uuid,
  name text NOT NULL,
  status text NOT NULL,
  billing_cycle text NOT NULL,
  next_due_date date,
  created_at timestamptz NOT NULL
);
CREATE TABLE subscriptions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  deployment_id uuid NOT NULL REFERENCES deployments(id),
  plan_id uuid,
  status text NOT NULL,
  billing_cycle text NOT NULL,
  current_period_start timestamptz NOT NULL,
  current_period_end timestamptz NOT NULL,
  stripe_subscription_id text,
  created_at timestamptz NOT NULL
);
CREATE TABLE invoices (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  subscription_id uuid REFERENCES subscriptions(id),
  stripe_invoice_id text,
  invoice_number text,
  currency text NOT NULL,
  status text NOT NULL,
  subtotal numeric(12,2) NOT NULL,
  tax numeric(12,2) NOT NULL,
  total numeric(12,2) NOT NULL,
  amount_due numeric(12,2) NOT NULL,
  amount_paid numeric(12,2) NOT NULL,
  paid boolean NOT NULL,
  paid_at timestamptz,
  period_start timestamptz,
  period_end timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE invoice_items (
  id uuid PRIMARY KEY,
  invoice_id uuid NOT NULL REFERENCES invoices(id),
  description text NOT NULL,
  quantity numeric(12,4) NOT NULL,
  unit_price numeric(12,4) NOT NULL,
  amount numeric(12,2) NOT NULL,
  period_start timestamptz,
  period_end timestamptz
);
CREATE TABLE usage_records (
  id uuid PRIMARY KEY,
  deployment_id uuid NOT NULL REFERENCES deployments(id),
  subscription_id uuid REFERENCES subscriptions(id),
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  cpu_seconds bigint NOT NULL,
  recorded_at timestamptz NOT NULL
);
`;
