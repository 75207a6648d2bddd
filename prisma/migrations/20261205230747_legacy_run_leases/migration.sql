-- AlterTable
ALTER TABLE "LegacyImportRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "leaseId" TEXT;

-- CreateTable
CREATE TABLE "LegacyReconciliationRun" (
    "id" TEXT NOT NULL,
    "period" TEXT,
    "tolerance" DECIMAL(12,4) NOT NULL,
    "status" "LegacyImportRunStatus" NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "checkpoint" TEXT,
    "match" INTEGER NOT NULL DEFAULT 0,
    "delta" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "notImported" INTEGER NOT NULL DEFAULT 0,
    "periods" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseId" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LegacyReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LegacyReconciliationRun_startedAt_idx" ON "LegacyReconciliationRun"("startedAt");

-- CreateIndex
CREATE INDEX "LegacyReconciliationRun_status_startedAt_idx" ON "LegacyReconciliationRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "LegacyImportRun_status_startedAt_idx" ON "LegacyImportRun"("status", "startedAt");

