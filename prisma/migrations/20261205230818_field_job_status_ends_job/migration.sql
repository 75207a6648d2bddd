-- AlterTable
ALTER TABLE "FieldJobStatusMapping" ADD COLUMN     "endsJob" BOOLEAN NOT NULL DEFAULT false;


-- Statuses admins already mapped that plainly end a job end it from now on (the same names the settings form suggests).
UPDATE "FieldJobStatusMapping" SET "endsJob" = true WHERE lower(trim("remoteStatus")) IN ('completed', 'complete', 'cancelled', 'canceled', 'closed');
-- Jobs already at such a status are over: free their tickets for a new job.
UPDATE "FieldJob" SET "activeKey" = NULL WHERE "activeKey" IS NOT NULL AND lower(trim("remoteStatus")) IN ('completed', 'complete', 'cancelled', 'canceled', 'closed');
