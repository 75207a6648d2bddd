-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "currency" TEXT,
ADD COLUMN     "legalName" TEXT;

-- AlterTable
ALTER TABLE "BillingMetric" ADD COLUMN     "fieldName" TEXT;

-- AlterTable
ALTER TABLE "BillingSubscription" ADD COLUMN     "name" TEXT;

-- AlterTable
ALTER TABLE "BillingCreditNote" ADD COLUMN     "items" JSONB;

