-- Field jobs, job notes and job attachments now go through the CRM sync queue (issue 13).
-- Data only: work that was waiting for the retired field-job retries and 5-minute sweep
-- gets its queue item, with the same idempotency keys the app uses, so nothing is sent twice.

INSERT INTO "SyncQueueItem" ("id", "connectionId", "entity", "entityId", "operation", "nextAttemptAt",
  "correlationId", "idempotencyKey", "coalesceKey", "createdAt", "updatedAt")
SELECT gen_random_uuid()::text, j."connectionId", 'field_job', j."id", 'CREATE', now() AT TIME ZONE 'UTC',
  gen_random_uuid()::text, 'field-job:' || j."id", j."connectionId" || ':field_job:' || j."id" || ':push',
  now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
FROM "FieldJob" j
WHERE j."pushState" = 'PENDING'
ON CONFLICT DO NOTHING;

INSERT INTO "SyncQueueItem" ("id", "connectionId", "entity", "entityId", "operation", "nextAttemptAt",
  "correlationId", "idempotencyKey", "coalesceKey", "createdAt", "updatedAt")
SELECT gen_random_uuid()::text, j."connectionId", e.entity, d."id", 'CREATE', now() AT TIME ZONE 'UTC',
  gen_random_uuid()::text, 'field-job-delivery:' || d."id", j."connectionId" || ':' || e.entity || ':' || d."id" || ':push',
  d."createdAt", now() AT TIME ZONE 'UTC'
FROM "FieldJobDelivery" d
JOIN "FieldJob" j ON j."id" = d."fieldJobId"
CROSS JOIN LATERAL (SELECT CASE WHEN d."kind" = 'note' THEN 'job_note' ELSE 'job_attachment' END AS entity) e
WHERE d."state" = 'PENDING' AND j."pushState" <> 'FAILED'
ON CONFLICT DO NOTHING;
