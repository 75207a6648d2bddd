-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "attachments" JSONB;

-- AlterTable
ALTER TABLE "BillingInvoice" ADD COLUMN     "emailedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "BillingCreditNote" ADD COLUMN     "emailedAt" TIMESTAMP(3);

