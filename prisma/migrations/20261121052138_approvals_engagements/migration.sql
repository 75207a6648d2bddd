-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('pending', 'approved', 'rejected', 'superseded');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approve', 'reject');

-- CreateTable
CREATE TABLE "ApprovalEngagement" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "state" "ApprovalState" NOT NULL DEFAULT 'pending',
    "ownerName" TEXT NOT NULL,
    "ownerEmail" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "note" TEXT,
    "requestedById" TEXT,
    "requestedByName" TEXT NOT NULL,
    "batchId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalEngagement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalToken" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "reminderDays" INTEGER NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ApprovalSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApprovalEngagement_ticketId_supersededAt_idx" ON "ApprovalEngagement"("ticketId", "supersededAt");

-- CreateIndex
CREATE INDEX "ApprovalEngagement_organisationId_state_sentAt_idx" ON "ApprovalEngagement"("organisationId", "state", "sentAt");

-- CreateIndex
CREATE INDEX "ApprovalEngagement_state_remindedAt_sentAt_idx" ON "ApprovalEngagement"("state", "remindedAt", "sentAt");

-- CreateIndex
CREATE INDEX "ApprovalEngagement_sentAt_idx" ON "ApprovalEngagement"("sentAt");

-- CreateIndex
CREATE INDEX "ApprovalEngagement_batchId_idx" ON "ApprovalEngagement"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalToken_tokenHash_key" ON "ApprovalToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalToken_engagementId_decision_key" ON "ApprovalToken"("engagementId", "decision");

-- AddForeignKey
ALTER TABLE "ApprovalEngagement" ADD CONSTRAINT "ApprovalEngagement_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalEngagement" ADD CONSTRAINT "ApprovalEngagement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalToken" ADD CONSTRAINT "ApprovalToken_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "ApprovalEngagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

