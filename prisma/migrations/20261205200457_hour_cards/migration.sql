-- CreateEnum
CREATE TYPE "HourCardStatus" AS ENUM ('active', 'used_up', 'expired', 'closed');

-- CreateEnum
CREATE TYPE "HourCardTransactionKind" AS ENUM ('top_up', 'consumption', 'adjustment', 'expiry');

-- CreateEnum
CREATE TYPE "HourCardThresholdKind" AS ENUM ('minutes', 'percent');

-- CreateEnum
CREATE TYPE "HourCardConsumptionRule" AS ENUM ('oldest_expiring_first', 'oldest_purchased_first');

-- CreateTable
CREATE TABLE "HourCard" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purchasedMinutes" INTEGER NOT NULL,
    "pricePaid" DECIMAL(14,2),
    "currency" TEXT,
    "purchasedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "status" "HourCardStatus" NOT NULL DEFAULT 'active',
    "lowBalanceNotifiedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HourCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HourCardTransaction" (
    "id" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "kind" "HourCardTransactionKind" NOT NULL,
    "minutes" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "actorUserId" TEXT,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT,
    "sourceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HourCardTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketTimeEntry" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "billable" BOOLEAN NOT NULL,
    "cardId" TEXT,
    "transactionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketTimeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HourCardSettings" (
    "id" TEXT NOT NULL,
    "allowNegative" BOOLEAN NOT NULL DEFAULT false,
    "thresholdKind" "HourCardThresholdKind" NOT NULL DEFAULT 'percent',
    "thresholdValue" INTEGER NOT NULL DEFAULT 20,
    "consumptionRule" "HourCardConsumptionRule" NOT NULL DEFAULT 'oldest_expiring_first',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HourCardSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HourCard_customerId_status_expiresAt_idx" ON "HourCard"("customerId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "HourCard_status_expiresAt_idx" ON "HourCard"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "HourCardTransaction_sourceKey_key" ON "HourCardTransaction"("sourceKey");

-- CreateIndex
CREATE INDEX "HourCardTransaction_cardId_createdAt_idx" ON "HourCardTransaction"("cardId", "createdAt");

-- CreateIndex
CREATE INDEX "HourCardTransaction_sourceType_sourceId_idx" ON "HourCardTransaction"("sourceType", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketTimeEntry_transactionId_key" ON "TicketTimeEntry"("transactionId");

-- CreateIndex
CREATE INDEX "TicketTimeEntry_ticketId_createdAt_idx" ON "TicketTimeEntry"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketTimeEntry_cardId_createdAt_idx" ON "TicketTimeEntry"("cardId", "createdAt");

-- AddForeignKey
ALTER TABLE "HourCard" ADD CONSTRAINT "HourCard_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HourCardTransaction" ADD CONSTRAINT "HourCardTransaction_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "HourCard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketTimeEntry" ADD CONSTRAINT "TicketTimeEntry_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketTimeEntry" ADD CONSTRAINT "TicketTimeEntry_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "HourCard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The ledger is append-only: a correction is a new adjustment row, never an edit.
-- Rules rather than a raising trigger, because migrations are applied statement by
-- statement split on semicolons, which a PL/pgSQL body cannot survive.
CREATE RULE "HourCardTransaction_no_update" AS ON UPDATE TO "HourCardTransaction" DO INSTEAD NOTHING;
CREATE RULE "HourCardTransaction_no_delete" AS ON DELETE TO "HourCardTransaction" DO INSTEAD NOTHING;
