-- CreateEnum
CREATE TYPE "CrmSyncItemStatus" AS ENUM ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'DEAD');

-- CreateEnum
CREATE TYPE "CrmSyncOperation" AS ENUM ('CREATE', 'UPDATE', 'DELETE', 'NOTE', 'TASK', 'USER_PROVISION', 'USER_STATUS', 'USER_PASSWORD', 'PAYMENT_SUMMARY');

-- CreateEnum
CREATE TYPE "CrmLinkStatus" AS ENUM ('PENDING', 'SYNCING', 'SYNCED', 'FAILED', 'REMOTE_DELETED');

-- CreateEnum
CREATE TYPE "CrmConflictStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "CrmFieldType" AS ENUM ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN');

-- CreateEnum
CREATE TYPE "CrmOwnerRule" AS ENUM ('local_wins', 'remote_wins', 'newest_wins', 'manual');

-- CreateEnum
CREATE TYPE "CrmRunKind" AS ENUM ('PUSH', 'PULL');

-- CreateEnum
CREATE TYPE "CrmRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "externalIds" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "CrmConnection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "modules" JSONB NOT NULL,
    "pullIntervalMinutes" INTEGER NOT NULL DEFAULT 15,
    "taskRoleId" TEXT,
    "taskAssignMode" TEXT NOT NULL DEFAULT 'one',
    "staffRoleId" TEXT,
    "paymentSummaryWeekday" INTEGER,
    "paymentSummaryHour" INTEGER NOT NULL DEFAULT 8,
    "lastPaymentSummaryAt" TIMESTAMP(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" TIMESTAMP(3),
    "lastTestedAt" TIMESTAMP(3),
    "lastTestOk" BOOLEAN,
    "lastTestError" TEXT,
    "lastPushAt" TIMESTAMP(3),
    "lastPullAt" TIMESTAMP(3),
    "lastPullError" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrmFieldMapping" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "localPath" TEXT NOT NULL,
    "remoteField" TEXT NOT NULL,
    "fieldType" "CrmFieldType" NOT NULL DEFAULT 'TEXT',
    "ownerRule" "CrmOwnerRule" NOT NULL DEFAULT 'newest_wins',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmFieldMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncQueueItem" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "operation" "CrmSyncOperation" NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "CrmSyncItemStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorKind" TEXT,
    "correlationId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "coalesceKey" TEXT,
    "coalescedCount" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncQueueItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncLink" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "externalId" TEXT,
    "status" "CrmLinkStatus" NOT NULL DEFAULT 'PENDING',
    "lastError" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "remoteUrl" TEXT,
    "remoteModifiedAt" TIMESTAMP(3),
    "localChangedAt" TIMESTAMP(3),
    "baseValues" JSONB,
    "fieldStamps" JSONB NOT NULL DEFAULT '{}',
    "remoteDeletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncConflict" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "remoteField" TEXT NOT NULL,
    "localValue" JSONB,
    "remoteValue" JSONB,
    "baseValue" JSONB,
    "localVersion" JSONB NOT NULL,
    "remoteVersion" JSONB NOT NULL,
    "status" "CrmConflictStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolvedValue" JSONB,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncConflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "kind" "CrmRunKind" NOT NULL,
    "status" "CrmRunStatus" NOT NULL DEFAULT 'RUNNING',
    "trigger" TEXT NOT NULL,
    "total" INTEGER,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCallLog" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entity" TEXT,
    "entityId" TEXT,
    "queueItemId" TEXT,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "correlationId" TEXT,
    "errorKind" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncCallLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncSecret" (
    "id" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrmWebhookEvent" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrmWebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CrmConnection_deletedAt_enabled_idx" ON "CrmConnection"("deletedAt", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "CrmFieldMapping_connectionId_entity_remoteField_key" ON "CrmFieldMapping"("connectionId", "entity", "remoteField");

-- CreateIndex
CREATE UNIQUE INDEX "SyncQueueItem_idempotencyKey_key" ON "SyncQueueItem"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "SyncQueueItem_coalesceKey_key" ON "SyncQueueItem"("coalesceKey");

-- CreateIndex
CREATE INDEX "SyncQueueItem_status_nextAttemptAt_idx" ON "SyncQueueItem"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SyncQueueItem_connectionId_status_nextAttemptAt_idx" ON "SyncQueueItem"("connectionId", "status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SyncQueueItem_connectionId_entity_entityId_idx" ON "SyncQueueItem"("connectionId", "entity", "entityId");

-- CreateIndex
CREATE INDEX "SyncQueueItem_connectionId_finishedAt_idx" ON "SyncQueueItem"("connectionId", "finishedAt");

-- CreateIndex
CREATE INDEX "SyncLink_entity_entityId_idx" ON "SyncLink"("entity", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncLink_connectionId_entity_entityId_key" ON "SyncLink"("connectionId", "entity", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncLink_connectionId_module_externalId_key" ON "SyncLink"("connectionId", "module", "externalId");

-- CreateIndex
CREATE INDEX "SyncConflict_connectionId_status_idx" ON "SyncConflict"("connectionId", "status");

-- CreateIndex
CREATE INDEX "SyncConflict_linkId_status_idx" ON "SyncConflict"("linkId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SyncCursor_connectionId_module_key" ON "SyncCursor"("connectionId", "module");

-- CreateIndex
CREATE INDEX "SyncRun_connectionId_startedAt_idx" ON "SyncRun"("connectionId", "startedAt");

-- CreateIndex
CREATE INDEX "SyncCallLog_connectionId_createdAt_idx" ON "SyncCallLog"("connectionId", "createdAt");

-- CreateIndex
CREATE INDEX "SyncCallLog_createdAt_idx" ON "SyncCallLog"("createdAt");

-- CreateIndex
CREATE INDEX "SyncCallLog_correlationId_idx" ON "SyncCallLog"("correlationId");

-- CreateIndex
CREATE UNIQUE INDEX "CrmWebhookEvent_provider_eventId_key" ON "CrmWebhookEvent"("provider", "eventId");

-- AddForeignKey
ALTER TABLE "CrmFieldMapping" ADD CONSTRAINT "CrmFieldMapping_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncQueueItem" ADD CONSTRAINT "SyncQueueItem_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncLink" ADD CONSTRAINT "SyncLink_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncConflict" ADD CONSTRAINT "SyncConflict_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncConflict" ADD CONSTRAINT "SyncConflict_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SyncLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncCursor" ADD CONSTRAINT "SyncCursor_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncCallLog" ADD CONSTRAINT "SyncCallLog_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

