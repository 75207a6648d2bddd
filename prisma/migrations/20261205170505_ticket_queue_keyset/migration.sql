-- DropIndex
DROP INDEX "Ticket_updatedAt_idx";

-- DropIndex
DROP INDEX "Ticket_createdAt_idx";

-- DropIndex
DROP INDEX "Ticket_queueRank_nearestDueAt_id_idx";

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "queueDueAt" TIMESTAMP(3) NOT NULL DEFAULT '9999-12-31 00:00:00'::timestamp without time zone;

-- Backfill (hand-added): what evaluateTicketSla stores from now on.
UPDATE "Ticket" SET "queueDueAt" = "nearestDueAt" WHERE "nearestDueAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Ticket_updatedAt_id_idx" ON "Ticket"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_id_idx" ON "Ticket"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_queueRank_queueDueAt_id_idx" ON "Ticket"("queueRank", "queueDueAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_queueDueAt_id_idx" ON "Ticket"("queueDueAt", "id");

