-- CreateEnum
CREATE TYPE "FieldJobPushState" AS ENUM ('PENDING', 'CREATED', 'FAILED');

-- CreateEnum
CREATE TYPE "FieldJobDeliveryState" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "TicketMessage" ADD COLUMN     "forFieldTeam" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FieldJob" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "customerId" TEXT,
    "reference" TEXT NOT NULL,
    "activeKey" TEXT,
    "remoteId" TEXT,
    "jobNumber" TEXT,
    "remoteUrl" TEXT,
    "pushState" "FieldJobPushState" NOT NULL DEFAULT 'PENDING',
    "remoteStatus" TEXT,
    "remoteStatusAt" TIMESTAMP(3),
    "siteAddress" TEXT NOT NULL,
    "affectedServices" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "deviceSerials" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description" TEXT NOT NULL,
    "lastError" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldJobStatusMapping" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "remoteStatus" TEXT NOT NULL,
    "ticketStatus" "TicketStatus",
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldJobStatusMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldJobSettings" (
    "connectionId" TEXT NOT NULL,
    "autoCreateTypes" "TicketType"[] DEFAULT ARRAY[]::"TicketType"[],
    "webhookSecretCiphertext" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldJobSettings_pkey" PRIMARY KEY ("connectionId")
);

-- CreateTable
CREATE TABLE "FieldJobDelivery" (
    "id" TEXT NOT NULL,
    "fieldJobId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "state" "FieldJobDeliveryState" NOT NULL DEFAULT 'PENDING',
    "remoteId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FieldJobDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldJobWebhookEvent" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "FieldJobWebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FieldJob_reference_key" ON "FieldJob"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "FieldJob_activeKey_key" ON "FieldJob"("activeKey");

-- CreateIndex
CREATE INDEX "FieldJob_connectionId_updatedAt_idx" ON "FieldJob"("connectionId", "updatedAt");

-- CreateIndex
CREATE INDEX "FieldJob_ticketId_idx" ON "FieldJob"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "FieldJob_connectionId_remoteId_key" ON "FieldJob"("connectionId", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "FieldJobStatusMapping_connectionId_remoteStatus_key" ON "FieldJobStatusMapping"("connectionId", "remoteStatus");

-- CreateIndex
CREATE INDEX "FieldJobDelivery_state_createdAt_idx" ON "FieldJobDelivery"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FieldJobDelivery_fieldJobId_kind_sourceId_key" ON "FieldJobDelivery"("fieldJobId", "kind", "sourceId");

-- CreateIndex
CREATE INDEX "FieldJobWebhookEvent_processedAt_receivedAt_idx" ON "FieldJobWebhookEvent"("processedAt", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FieldJobWebhookEvent_connectionId_eventId_key" ON "FieldJobWebhookEvent"("connectionId", "eventId");

-- AddForeignKey
ALTER TABLE "FieldJobDelivery" ADD CONSTRAINT "FieldJobDelivery_fieldJobId_fkey" FOREIGN KEY ("fieldJobId") REFERENCES "FieldJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

