-- CreateEnum
CREATE TYPE "LegacyImportRunStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "LegacyImportOutcome" AS ENUM ('created', 'updated', 'unchanged', 'skipped', 'failed');

-- CreateEnum
CREATE TYPE "LegacyReconciliationStatus" AS ENUM ('match', 'delta', 'resolved');

-- AlterTable
ALTER TABLE "BillingSubscription" ADD COLUMN     "shadow" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "LegacyBillingSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "sourceUrlSealed" TEXT,
    "sourceWhere" TEXT,
    "tolerance" DECIMAL(12,4) NOT NULL DEFAULT 0.01,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegacyBillingSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyImportRun" (
    "id" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT true,
    "status" "LegacyImportRunStatus" NOT NULL DEFAULT 'running',
    "phase" TEXT NOT NULL DEFAULT 'users',
    "checkpoint" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LegacyImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyImportRowResult" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "legacyId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "outcome" "LegacyImportOutcome" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegacyImportRowResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyShadowRecord" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "legacyId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegacyShadowRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyReconciliation" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "legacySubscriptionId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "switchboardAmount" DECIMAL(15,3) NOT NULL,
    "legacyAmount" DECIMAL(15,3) NOT NULL,
    "delta" DECIMAL(15,3) NOT NULL,
    "status" "LegacyReconciliationStatus" NOT NULL,
    "switchboardLines" JSONB NOT NULL DEFAULT '[]',
    "legacyLines" JSONB NOT NULL DEFAULT '[]',
    "note" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegacyReconciliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyPeriodSignOff" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedByName" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegacyPeriodSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LegacyImportRun_startedAt_idx" ON "LegacyImportRun"("startedAt");

-- CreateIndex
CREATE INDEX "LegacyImportRowResult_runId_outcome_id_idx" ON "LegacyImportRowResult"("runId", "outcome", "id");

-- CreateIndex
CREATE UNIQUE INDEX "LegacyImportRowResult_runId_entity_legacyId_key" ON "LegacyImportRowResult"("runId", "entity", "legacyId");

-- CreateIndex
CREATE UNIQUE INDEX "LegacyShadowRecord_kind_legacyId_key" ON "LegacyShadowRecord"("kind", "legacyId");

-- CreateIndex
CREATE INDEX "LegacyReconciliation_period_status_idx" ON "LegacyReconciliation"("period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LegacyReconciliation_serviceId_customerId_subscriptionId_pe_key" ON "LegacyReconciliation"("serviceId", "customerId", "subscriptionId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "LegacyPeriodSignOff_period_key" ON "LegacyPeriodSignOff"("period");

-- AddForeignKey
ALTER TABLE "LegacyImportRowResult" ADD CONSTRAINT "LegacyImportRowResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LegacyImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

