-- CreateTable
CREATE TABLE "ContractMigrationSettings" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "timeLogModule" TEXT NOT NULL,
    "hoursField" TEXT NOT NULL,
    "dateField" TEXT,
    "descriptionField" TEXT,
    "relationField" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContractMigrationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractMigrationRun" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "contractExternalId" TEXT NOT NULL,
    "contractName" TEXT NOT NULL,
    "contractNumber" TEXT,
    "accountExternalId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'open',
    "itemsTotal" INTEGER NOT NULL DEFAULT 0,
    "archivedCount" INTEGER NOT NULL DEFAULT 0,
    "transferredCount" INTEGER NOT NULL DEFAULT 0,
    "minutesTransferred" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ContractMigrationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractMigrationItem" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "raw" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "hoursText" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "cardId" TEXT,
    "minutes" INTEGER,
    "reason" TEXT,
    "error" TEXT,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "ContractMigrationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractMigrationAudit" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "itemId" TEXT,
    "mode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractMigrationAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArchivedCase" (
    "id" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "caseNumber" TEXT,
    "customerId" TEXT NOT NULL,
    "contractExternalId" TEXT,
    "runId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT,
    "description" TEXT,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "raw" JSONB NOT NULL,
    "searchText" TEXT NOT NULL,
    "archivedById" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArchivedCase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContractMigrationSettings_connectionId_key" ON "ContractMigrationSettings"("connectionId");

-- CreateIndex
CREATE INDEX "ContractMigrationRun_connectionId_contractExternalId_create_idx" ON "ContractMigrationRun"("connectionId", "contractExternalId", "createdAt");

-- CreateIndex
CREATE INDEX "ContractMigrationRun_createdAt_idx" ON "ContractMigrationRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContractMigrationItem_runId_kind_externalId_key" ON "ContractMigrationItem"("runId", "kind", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractMigrationItem_runId_seq_key" ON "ContractMigrationItem"("runId", "seq");

-- CreateIndex
CREATE INDEX "ContractMigrationAudit_runId_createdAt_idx" ON "ContractMigrationAudit"("runId", "createdAt");

-- CreateIndex
CREATE INDEX "ArchivedCase_customerId_archivedAt_idx" ON "ArchivedCase"("customerId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ArchivedCase_connectionId_externalId_key" ON "ArchivedCase"("connectionId", "externalId");

-- AddForeignKey
ALTER TABLE "ContractMigrationItem" ADD CONSTRAINT "ContractMigrationItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ContractMigrationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMigrationAudit" ADD CONSTRAINT "ContractMigrationAudit_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ContractMigrationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

