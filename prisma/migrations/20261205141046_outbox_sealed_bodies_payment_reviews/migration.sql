-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "sealedBody" TEXT;

-- CreateTable
CREATE TABLE "BillingPaymentReview" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "stripePaymentIntentId" TEXT NOT NULL,
    "stripeChargeId" TEXT,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "expectedAmountMinor" INTEGER NOT NULL,
    "expectedCurrency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "BillingPaymentReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingPaymentReview_stripePaymentIntentId_key" ON "BillingPaymentReview"("stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "BillingPaymentReview_invoiceId_idx" ON "BillingPaymentReview"("invoiceId");

-- CreateIndex
CREATE INDEX "BillingPaymentReview_resolvedAt_createdAt_idx" ON "BillingPaymentReview"("resolvedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "BillingPaymentReview" ADD CONSTRAINT "BillingPaymentReview_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "BillingInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Bodies written before this migration hold live links in clear: mask their
-- tokens (same rule as server/security/mask-tokens.ts). Messages not yet sent
-- can no longer be delivered with working links, so they are closed as DEAD.
UPDATE "OutboxEmail"
SET "text" = regexp_replace("text", '([/=])[A-Za-z0-9_-]{32,}', '\1••••••', 'g'),
    "html" = regexp_replace("html", '([/=])[A-Za-z0-9_-]{32,}', '\1••••••', 'g');
UPDATE "OutboxEmail"
SET "status" = 'DEAD', "lastError" = 'Closed by the at-rest token migration: its links were masked before delivery'
WHERE "status" IN ('PENDING', 'FAILED', 'NOT_SENT');
