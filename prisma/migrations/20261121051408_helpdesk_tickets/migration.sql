-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "TicketType" AS ENUM ('general_inquiry', 'billing_issue', 'technical_support', 'installation_request', 'outage_report', 'service_upgrade', 'service_downgrade', 'cancellation_request', 'equipment_issue', 'speed_issue', 'network_issue', 'connectivity_issue');

-- CreateEnum
CREATE TYPE "TicketActorKind" AS ENUM ('customer', 'provider', 'partner', 'platform');

-- CreateEnum
CREATE TYPE "TicketChannel" AS ENUM ('console', 'inbox', 'api', 'magic_link', 'system');

-- CreateEnum
CREATE TYPE "TicketSlaState" AS ENUM ('ok', 'at_risk', 'breached', 'met', 'paused');

-- CreateEnum
CREATE TYPE "TicketEscalationLevel" AS ENUM ('L1', 'L2', 'L3');

-- CreateEnum
CREATE TYPE "TicketMessageAuthorKind" AS ENUM ('agent', 'client_user', 'reporter_via_link', 'owner', 'system');

-- CreateEnum
CREATE TYPE "TicketMessageVisibility" AS ENUM ('public', 'internal');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'open',
    "priority" "TicketPriority" NOT NULL DEFAULT 'normal',
    "type" "TicketType" NOT NULL,
    "origin" "TicketActorKind" NOT NULL DEFAULT 'customer',
    "target" "TicketActorKind" NOT NULL DEFAULT 'provider',
    "channel" "TicketChannel" NOT NULL DEFAULT 'console',
    "reporterName" TEXT NOT NULL,
    "reporterEmail" TEXT NOT NULL,
    "reporterUserId" TEXT,
    "teamId" TEXT,
    "assigneeId" TEXT,
    "serviceAddress" TEXT,
    "affectedServices" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "deviceSerials" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "diagnostics" JSONB,
    "firstResponseDueAt" TIMESTAMP(3),
    "nextUpdateDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "nearestDueAt" TIMESTAMP(3),
    "slaState" "TicketSlaState" NOT NULL DEFAULT 'ok',
    "slaCheckedAt" TIMESTAMP(3),
    "slaPausedAt" TIMESTAMP(3),
    "firstRespondedAt" TIMESTAMP(3),
    "firstResponseMinutes" INTEGER,
    "lastProviderUpdateAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolutionMinutes" INTEGER,
    "closedAt" TIMESTAMP(3),
    "slaBreached" BOOLEAN NOT NULL DEFAULT false,
    "reportedBreaches" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "escalationLevel" "TicketEscalationLevel" NOT NULL DEFAULT 'L1',
    "escalatedAt" TIMESTAMP(3),
    "lastPublicProviderMessageAt" TIMESTAMP(3),
    "lastPublicMessageAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "authorKind" "TicketMessageAuthorKind" NOT NULL,
    "authorUserId" TEXT,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT,
    "visibility" "TicketMessageVisibility" NOT NULL DEFAULT 'public',
    "body" TEXT NOT NULL,
    "accessTokenId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorKind" "TicketMessageAuthorKind",
    "actorUserId" TEXT,
    "actorName" TEXT,
    "summary" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketSlaPause" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "reason" TEXT NOT NULL DEFAULT 'waiting_on_customer',

    CONSTRAINT "TicketSlaPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "priority" "TicketPriority" NOT NULL,
    "firstResponseMinutes" INTEGER NOT NULL,
    "nextUpdateMinutes" INTEGER NOT NULL,
    "resolutionMinutes" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("priority")
);

-- CreateTable
CREATE TABLE "HelpdeskSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "calendar" JSONB NOT NULL,
    "atRiskFraction" DOUBLE PRECISION NOT NULL DEFAULT 0.75,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "HelpdeskSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketReadState" (
    "userId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "lastSeenMessageAt" TIMESTAMP(3) NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketReadState_pkey" PRIMARY KEY ("userId","ticketId")
);

-- CreateTable
CREATE TABLE "TicketFollower" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketFollower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAccessToken" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpdeskApiKey" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "HelpdeskApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpdeskIdempotencyKey" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "responseStatus" INTEGER NOT NULL,
    "responseBody" JSONB NOT NULL,
    "ticketId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HelpdeskIdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_organisationId_updatedAt_idx" ON "Ticket"("organisationId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_organisationId_reporterEmail_updatedAt_idx" ON "Ticket"("organisationId", "reporterEmail", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_updatedAt_idx" ON "Ticket"("updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");

-- CreateIndex
CREATE INDEX "Ticket_status_priority_idx" ON "Ticket"("status", "priority");

-- CreateIndex
CREATE INDEX "Ticket_status_updatedAt_idx" ON "Ticket"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_priority_updatedAt_idx" ON "Ticket"("priority", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_type_idx" ON "Ticket"("type");

-- CreateIndex
CREATE INDEX "Ticket_teamId_idx" ON "Ticket"("teamId");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_idx" ON "Ticket"("assigneeId");

-- CreateIndex
CREATE INDEX "Ticket_slaState_idx" ON "Ticket"("slaState");

-- CreateIndex
CREATE INDEX "Ticket_nearestDueAt_idx" ON "Ticket"("nearestDueAt");

-- CreateIndex
CREATE INDEX "Ticket_subject_trgm_idx" ON "Ticket" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_reporterName_trgm_idx" ON "Ticket" USING GIN ("reporterName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_reporterEmail_trgm_idx" ON "Ticket" USING GIN ("reporterEmail" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_description_trgm_idx" ON "Ticket" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "TicketMessage_ticketId_createdAt_idx" ON "TicketMessage"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketMessage_organisationId_createdAt_idx" ON "TicketMessage"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketAttachment_messageId_idx" ON "TicketAttachment"("messageId");

-- CreateIndex
CREATE INDEX "TicketAttachment_ticketId_idx" ON "TicketAttachment"("ticketId");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_idx" ON "TicketEvent"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketEvent_kind_createdAt_idx" ON "TicketEvent"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "TicketSlaPause_ticketId_startedAt_idx" ON "TicketSlaPause"("ticketId", "startedAt");

-- CreateIndex
CREATE INDEX "TicketReadState_ticketId_idx" ON "TicketReadState"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketFollower_ticketId_email_key" ON "TicketFollower"("ticketId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "TicketAccessToken_tokenHash_key" ON "TicketAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "TicketAccessToken_ticketId_idx" ON "TicketAccessToken"("ticketId");

-- CreateIndex
CREATE INDEX "TicketAccessToken_recipientEmail_idx" ON "TicketAccessToken"("recipientEmail");

-- CreateIndex
CREATE UNIQUE INDEX "HelpdeskApiKey_keyHash_key" ON "HelpdeskApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "HelpdeskApiKey_organisationId_idx" ON "HelpdeskApiKey"("organisationId");

-- CreateIndex
CREATE INDEX "HelpdeskIdempotencyKey_createdAt_idx" ON "HelpdeskIdempotencyKey"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "HelpdeskIdempotencyKey_apiKeyId_key_key" ON "HelpdeskIdempotencyKey"("apiKeyId", "key");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketMessage" ADD CONSTRAINT "TicketMessage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "TicketMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSlaPause" ADD CONSTRAINT "TicketSlaPause_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketReadState" ADD CONSTRAINT "TicketReadState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketReadState" ADD CONSTRAINT "TicketReadState_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketFollower" ADD CONSTRAINT "TicketFollower_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAccessToken" ADD CONSTRAINT "TicketAccessToken_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpdeskApiKey" ADD CONSTRAINT "HelpdeskApiKey_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpdeskIdempotencyKey" ADD CONSTRAINT "HelpdeskIdempotencyKey_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "HelpdeskApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

