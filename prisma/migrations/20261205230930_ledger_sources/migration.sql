-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "customerId" TEXT;

-- AlterTable
ALTER TABLE "LedgerLine" ALTER COLUMN "debit" SET DATA TYPE DECIMAL(15,3),
ALTER COLUMN "credit" SET DATA TYPE DECIMAL(15,3);

-- AlterTable
ALTER TABLE "LedgerSettings" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'CAD';

-- CreateIndex
CREATE INDEX "LedgerEntry_customerId_idx" ON "LedgerEntry"("customerId");

