-- CreateEnum
CREATE TYPE "CustomerKind" AS ENUM ('person', 'company');

-- CreateEnum
CREATE TYPE "BillingAggregation" AS ENUM ('sum', 'max', 'last', 'unique_count');

-- CreateEnum
CREATE TYPE "BillingRounding" AS ENUM ('none', 'up', 'down', 'half_up');

-- CreateEnum
CREATE TYPE "BillingChargeModel" AS ENUM ('standard', 'graduated', 'package', 'volume');

-- CreateEnum
CREATE TYPE "BillingInterval" AS ENUM ('monthly', 'yearly');

-- CreateEnum
CREATE TYPE "BillingTaxBehaviour" AS ENUM ('exclusive', 'inclusive');

-- CreateEnum
CREATE TYPE "BillingSubscriptionStatus" AS ENUM ('active', 'past_due', 'paused', 'cancelled', 'terminated');

-- CreateEnum
CREATE TYPE "BillingInvoiceStatus" AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');

-- CreateEnum
CREATE TYPE "BillingInvoiceLineKind" AS ENUM ('base', 'usage', 'one_off');

-- CreateEnum
CREATE TYPE "BillingPaymentStatus" AS ENUM ('processing', 'succeeded', 'failed', 'refunded', 'partially_refunded');

-- CreateEnum
CREATE TYPE "BillingWebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed', 'dead');

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "kind" "CustomerKind" NOT NULL DEFAULT 'company',
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "taxId" TEXT,
    "taxRatePercent" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "organisationId" TEXT,
    "stripeCustomerId" TEXT,
    "stripePaymentMethodId" TEXT,
    "paymentMethodLabel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingService" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "apiKeyHash" TEXT NOT NULL,
    "apiKeyPrefix" TEXT NOT NULL,
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 600,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingAccountLink" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "externalEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingAccountLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingMetric" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "aggregation" "BillingAggregation" NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "rounding" "BillingRounding" NOT NULL DEFAULT 'none',
    "roundingPrecision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingPlan" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "interval" "BillingInterval" NOT NULL,
    "basePrice" DECIMAL(14,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "taxBehaviour" "BillingTaxBehaviour" NOT NULL DEFAULT 'exclusive',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingCharge" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "model" "BillingChargeModel" NOT NULL DEFAULT 'standard',
    "includedQuota" DECIMAL(30,6) NOT NULL DEFAULT 0,
    "unitPrice" DECIMAL(18,6) NOT NULL DEFAULT 0,
    "unitBatch" INTEGER NOT NULL DEFAULT 1,
    "packageSize" INTEGER,
    "tiers" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingCharge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingSubscription" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "status" "BillingSubscriptionStatus" NOT NULL DEFAULT 'active',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "currentPeriodStart" TIMESTAMP(3) NOT NULL,
    "currentPeriodEnd" TIMESTAMP(3) NOT NULL,
    "pendingPlanId" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "pausedAt" TIMESTAMP(3),
    "terminatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingUsageRecord" (
    "id" BIGSERIAL NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "quantity" DECIMAL(30,6) NOT NULL,
    "uniqueKey" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingUsageRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingInvoice" (
    "id" TEXT NOT NULL,
    "number" TEXT,
    "customerId" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "status" "BillingInvoiceStatus" NOT NULL DEFAULT 'draft',
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "currency" TEXT NOT NULL,
    "taxBehaviour" "BillingTaxBehaviour" NOT NULL,
    "taxRatePercent" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "subtotal" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "taxAmount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "total" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "amountPaid" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "amountCredited" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "amountRefunded" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "billTo" JSONB,
    "ratedAt" TIMESTAMP(3),
    "issuedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "uncollectibleAt" TIMESTAMP(3),
    "paymentAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextPaymentAttemptAt" TIMESTAMP(3),
    "lastPaymentError" TEXT,
    "stripePaymentIntentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingInvoiceLine" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "BillingInvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "metricId" TEXT,
    "chargeId" TEXT,
    "quantity" DECIMAL(30,6) NOT NULL,
    "includedQuantity" DECIMAL(30,6) NOT NULL DEFAULT 0,
    "units" DECIMAL(30,6) NOT NULL DEFAULT 0,
    "unitPrice" DECIMAL(18,6) NOT NULL DEFAULT 0,
    "amount" DECIMAL(14,2) NOT NULL,
    "details" JSONB,

    CONSTRAINT "BillingInvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingCreditNote" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "subtotal" DECIMAL(14,2) NOT NULL,
    "taxAmount" DECIMAL(14,2) NOT NULL,
    "total" DECIMAL(14,2) NOT NULL,
    "creditAmount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "refundAmount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "stripeRefundId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingCreditNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingPayment" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "amountRefunded" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "status" "BillingPaymentStatus" NOT NULL DEFAULT 'processing',
    "stripePaymentIntentId" TEXT,
    "stripeChargeId" TEXT,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "rebuiltFromWebhook" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingCounter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "BillingCounter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "BillingEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "serviceId" TEXT,
    "dedupeKey" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingWebhookEndpoint" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "description" TEXT,
    "eventTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingWebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingWebhookDelivery" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "status" "BillingWebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "deadAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingWebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingWebhookAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "responseBody" TEXT,

    CONSTRAINT "BillingWebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_stripeCustomerId_key" ON "Customer"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "Customer_organisationId_idx" ON "Customer"("organisationId");

-- CreateIndex
CREATE INDEX "Customer_email_idx" ON "Customer"("email");

-- CreateIndex
CREATE INDEX "Customer_name_idx" ON "Customer"("name");

-- CreateIndex
CREATE UNIQUE INDEX "BillingService_code_key" ON "BillingService"("code");

-- CreateIndex
CREATE UNIQUE INDEX "BillingService_apiKeyHash_key" ON "BillingService"("apiKeyHash");

-- CreateIndex
CREATE INDEX "BillingAccountLink_customerId_idx" ON "BillingAccountLink"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccountLink_serviceId_externalId_key" ON "BillingAccountLink"("serviceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingMetric_code_key" ON "BillingMetric"("code");

-- CreateIndex
CREATE UNIQUE INDEX "BillingPlan_code_key" ON "BillingPlan"("code");

-- CreateIndex
CREATE UNIQUE INDEX "BillingCharge_planId_metricId_key" ON "BillingCharge"("planId", "metricId");

-- CreateIndex
CREATE INDEX "BillingSubscription_status_currentPeriodEnd_idx" ON "BillingSubscription"("status", "currentPeriodEnd");

-- CreateIndex
CREATE INDEX "BillingSubscription_customerId_idx" ON "BillingSubscription"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingSubscription_serviceId_externalId_key" ON "BillingSubscription"("serviceId", "externalId");

-- CreateIndex
CREATE INDEX "BillingUsageRecord_subscriptionId_metricId_periodStart_idx" ON "BillingUsageRecord"("subscriptionId", "metricId", "periodStart");

-- CreateIndex
CREATE INDEX "BillingUsageRecord_receivedAt_idx" ON "BillingUsageRecord"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingUsageRecord_subscriptionId_metricId_idempotencyKey_key" ON "BillingUsageRecord"("subscriptionId", "metricId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "BillingInvoice_number_key" ON "BillingInvoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "BillingInvoice_stripePaymentIntentId_key" ON "BillingInvoice"("stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "BillingInvoice_status_nextPaymentAttemptAt_idx" ON "BillingInvoice"("status", "nextPaymentAttemptAt");

-- CreateIndex
CREATE INDEX "BillingInvoice_customerId_idx" ON "BillingInvoice"("customerId");

-- CreateIndex
CREATE INDEX "BillingInvoice_issuedAt_idx" ON "BillingInvoice"("issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingInvoice_subscriptionId_periodStart_key" ON "BillingInvoice"("subscriptionId", "periodStart");

-- CreateIndex
CREATE INDEX "BillingInvoiceLine_invoiceId_position_idx" ON "BillingInvoiceLine"("invoiceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "BillingCreditNote_number_key" ON "BillingCreditNote"("number");

-- CreateIndex
CREATE UNIQUE INDEX "BillingCreditNote_stripeRefundId_key" ON "BillingCreditNote"("stripeRefundId");

-- CreateIndex
CREATE INDEX "BillingCreditNote_invoiceId_idx" ON "BillingCreditNote"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingPayment_stripeChargeId_key" ON "BillingPayment"("stripeChargeId");

-- CreateIndex
CREATE INDEX "BillingPayment_status_idx" ON "BillingPayment"("status");

-- CreateIndex
CREATE INDEX "BillingPayment_stripePaymentIntentId_idx" ON "BillingPayment"("stripePaymentIntentId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingPayment_invoiceId_attempt_key" ON "BillingPayment"("invoiceId", "attempt");

-- CreateIndex
CREATE INDEX "StripeEvent_receivedAt_idx" ON "StripeEvent"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingEvent_dedupeKey_key" ON "BillingEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "BillingEvent_type_createdAt_idx" ON "BillingEvent"("type", "createdAt");

-- CreateIndex
CREATE INDEX "BillingWebhookEndpoint_serviceId_idx" ON "BillingWebhookEndpoint"("serviceId");

-- CreateIndex
CREATE INDEX "BillingWebhookDelivery_status_nextAttemptAt_idx" ON "BillingWebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingWebhookDelivery_endpointId_eventId_key" ON "BillingWebhookDelivery"("endpointId", "eventId");

-- CreateIndex
CREATE INDEX "BillingWebhookAttempt_deliveryId_attempt_idx" ON "BillingWebhookAttempt"("deliveryId", "attempt");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingAccountLink" ADD CONSTRAINT "BillingAccountLink_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "BillingService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingAccountLink" ADD CONSTRAINT "BillingAccountLink_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingCharge" ADD CONSTRAINT "BillingCharge_planId_fkey" FOREIGN KEY ("planId") REFERENCES "BillingPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingCharge" ADD CONSTRAINT "BillingCharge_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "BillingMetric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingSubscription" ADD CONSTRAINT "BillingSubscription_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingSubscription" ADD CONSTRAINT "BillingSubscription_planId_fkey" FOREIGN KEY ("planId") REFERENCES "BillingPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingSubscription" ADD CONSTRAINT "BillingSubscription_pendingPlanId_fkey" FOREIGN KEY ("pendingPlanId") REFERENCES "BillingPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingSubscription" ADD CONSTRAINT "BillingSubscription_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "BillingService"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingUsageRecord" ADD CONSTRAINT "BillingUsageRecord_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "BillingSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingUsageRecord" ADD CONSTRAINT "BillingUsageRecord_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "BillingMetric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingInvoice" ADD CONSTRAINT "BillingInvoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingInvoice" ADD CONSTRAINT "BillingInvoice_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "BillingSubscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingInvoiceLine" ADD CONSTRAINT "BillingInvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "BillingInvoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingCreditNote" ADD CONSTRAINT "BillingCreditNote_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "BillingInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingPayment" ADD CONSTRAINT "BillingPayment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "BillingInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingWebhookEndpoint" ADD CONSTRAINT "BillingWebhookEndpoint_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "BillingService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingWebhookDelivery" ADD CONSTRAINT "BillingWebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "BillingWebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingWebhookDelivery" ADD CONSTRAINT "BillingWebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "BillingEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingWebhookAttempt" ADD CONSTRAINT "BillingWebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "BillingWebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

