-- DropIndex
DROP INDEX "Ticket_subject_trgm_idx";

-- DropIndex
DROP INDEX "Ticket_reporterName_trgm_idx";

-- DropIndex
DROP INDEX "Ticket_reporterEmail_trgm_idx";

-- DropIndex
DROP INDEX "Ticket_description_trgm_idx";

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- Backfill (hand-added): the same text server/helpdesk/search-text.ts builds.
UPDATE "Ticket" SET "searchText" = lower(concat_ws(' ', "number", "subject", "reporterName", "reporterEmail", "serviceAddress", left("description", 2000)));

-- CreateIndex
CREATE INDEX "Ticket_organisationId_reporterUserId_idx" ON "Ticket"("organisationId", "reporterUserId");

-- CreateIndex
CREATE INDEX "Ticket_searchText_trgm_idx" ON "Ticket" USING GIN ("searchText" gin_trgm_ops);

