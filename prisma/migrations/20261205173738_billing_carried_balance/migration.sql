-- AlterEnum
ALTER TYPE "BillingInvoiceLineKind" ADD VALUE 'carried_balance';

-- AlterTable
ALTER TABLE "BillingInvoice" ADD COLUMN     "amountCarried" DECIMAL(15,3) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "BillingCarriedBalance" (
    "id" TEXT NOT NULL,
    "fromInvoiceId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" DECIMAL(15,3) NOT NULL,
    "toInvoiceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingCarriedBalance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingCarriedBalance_fromInvoiceId_key" ON "BillingCarriedBalance"("fromInvoiceId");

-- CreateIndex
CREATE INDEX "BillingCarriedBalance_subscriptionId_toInvoiceId_idx" ON "BillingCarriedBalance"("subscriptionId", "toInvoiceId");

