-- AlterTable
ALTER TABLE "LedgerTaxRate" ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "LedgerSourceInvoice" ADD COLUMN     "mismatchAccepted" TEXT,
ADD COLUMN     "mismatchAt" TIMESTAMP(3),
ADD COLUMN     "mismatchById" TEXT,
ADD COLUMN     "mismatchNote" TEXT,
ADD COLUMN     "processorTotal" DECIMAL(15,2);

-- AlterTable
ALTER TABLE "LedgerReviewItem" ADD COLUMN     "adjustmentEntryId" TEXT,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "resolvedById" TEXT,
ADD COLUMN     "sourceNow" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "LedgerReviewItem_adjustmentEntryId_key" ON "LedgerReviewItem"("adjustmentEntryId");

