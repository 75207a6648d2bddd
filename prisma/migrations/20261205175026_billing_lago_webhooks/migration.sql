-- AlterTable
ALTER TABLE "BillingEvent" ADD COLUMN     "lagoPayload" TEXT;

-- AlterTable
ALTER TABLE "BillingWebhookEndpoint" ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'switchboard';

