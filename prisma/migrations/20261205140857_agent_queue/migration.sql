-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "lastCustomerReplyAt" TIMESTAMP(3),
ADD COLUMN     "queueRank" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "TicketView" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketView_shared_idx" ON "TicketView"("shared");

-- CreateIndex
CREATE UNIQUE INDEX "TicketView_ownerId_name_key" ON "TicketView"("ownerId", "name");

-- CreateIndex
CREATE INDEX "Ticket_queueRank_nearestDueAt_id_idx" ON "Ticket"("queueRank", "nearestDueAt", "id");

-- AddForeignKey
ALTER TABLE "TicketView" ADD CONSTRAINT "TicketView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: tickets breached now head the queue, and the newest customer reply
-- after filing (a public customer-side message later than the first one).
UPDATE "Ticket" SET "queueRank" = 0 WHERE "slaState" = 'breached';
UPDATE "Ticket" t SET "lastCustomerReplyAt" = m.at
FROM (
  SELECT "ticketId", max("createdAt") AS at FROM "TicketMessage"
  WHERE visibility = 'public' AND "authorKind" IN ('client_user', 'reporter_via_link', 'owner')
  GROUP BY "ticketId"
) m
WHERE m."ticketId" = t.id AND m.at > t."createdAt" + interval '1 second';
