-- CreateEnum
CREATE TYPE "LedgerAccountType" AS ENUM ('asset', 'liability', 'income');

-- CreateEnum
CREATE TYPE "LedgerEntryState" AS ENUM ('draft', 'posted');

-- CreateEnum
CREATE TYPE "LedgerFamily" AS ENUM ('hosting', 'managed', 'addons', 'other');

-- CreateEnum
CREATE TYPE "LedgerVerification" AS ENUM ('pending', 'verified', 'waiting', 'skipped');

-- CreateTable
CREATE TABLE "LedgerAccount" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "LedgerAccountType" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerJournal" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerJournal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "journalId" TEXT NOT NULL,
    "state" "LedgerEntryState" NOT NULL DEFAULT 'draft',
    "date" DATE NOT NULL,
    "ref" TEXT NOT NULL,
    "memo" TEXT,
    "partner" TEXT,
    "currency" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerLine" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "debit" DECIMAL(15,2) NOT NULL DEFAULT 0,
    "credit" DECIMAL(15,2) NOT NULL DEFAULT 0,
    "family" "LedgerFamily",
    "unmatched" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "LedgerLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerFamilyRule" (
    "id" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,
    "family" "LedgerFamily" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerFamilyRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTaxRate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "percent" DECIMAL(7,4) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerSettings" (
    "id" TEXT NOT NULL DEFAULT 'ledger',
    "autoPost" BOOLEAN NOT NULL DEFAULT false,
    "lastIngestAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerSourceInvoice" (
    "id" TEXT NOT NULL,
    "legacyId" TEXT NOT NULL,
    "processorId" TEXT,
    "number" TEXT,
    "partner" TEXT,
    "currency" TEXT NOT NULL,
    "subtotal" DECIMAL(15,2) NOT NULL,
    "tax" DECIMAL(15,2) NOT NULL,
    "total" DECIMAL(15,2) NOT NULL,
    "taxRatePercent" DECIMAL(7,4),
    "taxMismatch" BOOLEAN NOT NULL DEFAULT false,
    "unmatchedLines" INTEGER NOT NULL DEFAULT 0,
    "fingerprint" TEXT NOT NULL,
    "verification" "LedgerVerification" NOT NULL DEFAULT 'pending',
    "verifyReason" TEXT,
    "verifyAttempts" INTEGER NOT NULL DEFAULT 0,
    "verifiedAt" TIMESTAMP(3),
    "invoiceDate" DATE,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "paidAt" TIMESTAMP(3),
    "amountPaid" DECIMAL(15,2),
    "entryId" TEXT,
    "paymentEntryId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerSourceInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerReviewItem" (
    "id" TEXT NOT NULL,
    "sourceInvoiceId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "LedgerReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LedgerAccount_key_key" ON "LedgerAccount"("key");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerAccount_code_key" ON "LedgerAccount"("code");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerJournal_code_key" ON "LedgerJournal"("code");

-- CreateIndex
CREATE INDEX "LedgerEntry_state_date_idx" ON "LedgerEntry"("state", "date");

-- CreateIndex
CREATE INDEX "LedgerEntry_date_idx" ON "LedgerEntry"("date");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_sourceKind_sourceId_key" ON "LedgerEntry"("sourceKind", "sourceId");

-- CreateIndex
CREATE INDEX "LedgerLine_entryId_position_idx" ON "LedgerLine"("entryId", "position");

-- CreateIndex
CREATE INDEX "LedgerLine_accountId_idx" ON "LedgerLine"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerFamilyRule_keyword_key" ON "LedgerFamilyRule"("keyword");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTaxRate_name_key" ON "LedgerTaxRate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTaxRate_percent_key" ON "LedgerTaxRate"("percent");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerSourceInvoice_legacyId_key" ON "LedgerSourceInvoice"("legacyId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerSourceInvoice_entryId_key" ON "LedgerSourceInvoice"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerSourceInvoice_paymentEntryId_key" ON "LedgerSourceInvoice"("paymentEntryId");

-- CreateIndex
CREATE INDEX "LedgerSourceInvoice_verification_idx" ON "LedgerSourceInvoice"("verification");

-- CreateIndex
CREATE INDEX "LedgerReviewItem_resolvedAt_idx" ON "LedgerReviewItem"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerReviewItem_sourceInvoiceId_fingerprint_key" ON "LedgerReviewItem"("sourceInvoiceId", "fingerprint");

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_journalId_fkey" FOREIGN KEY ("journalId") REFERENCES "LedgerJournal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerLine" ADD CONSTRAINT "LedgerLine_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "LedgerEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerLine" ADD CONSTRAINT "LedgerLine_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LedgerAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ─── Ledger rules PostgreSQL enforces itself (hand-written) ──────────────────
-- SQLSTATEs raised here (server/ledger/ledger-errors.ts maps them to messages):
--   LG001 an entry's debits and credits differ at commit
--   LG002 a posted entry, or one of its lines, was changed or deleted
--   LG003 a line is negative, or both a debit and a credit
-- Function bodies are E'' strings with every semicolon written as \073: Prisma's
-- migration runner splits the script at each semicolon, even inside quotes.
-- (Checks live in triggers rather than CHECK constraints so Prisma's schema diff stays exact.)

-- Checked at commit (deferred), so an entry may be written line by line inside one transaction.
CREATE FUNCTION ledger_check_entry_balance() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  target text := COALESCE(NEW."entryId", OLD."entryId")\073
  total_debit numeric\073
  total_credit numeric\073
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "LedgerEntry" WHERE "id" = target) THEN
    RETURN NULL\073 -- the entry itself was deleted (draft): nothing left to balance
  END IF\073
  SELECT COALESCE(SUM("debit"), 0), COALESCE(SUM("credit"), 0) INTO total_debit, total_credit
    FROM "LedgerLine" WHERE "entryId" = target\073
  IF total_debit <> total_credit THEN
    RAISE EXCEPTION ''ledger entry % does not balance: debits %, credits %'', target, total_debit, total_credit
      USING ERRCODE = ''LG001''\073
  END IF\073
  RETURN NULL\073
END ';

CREATE CONSTRAINT TRIGGER "LedgerLine_balanced"
  AFTER INSERT OR UPDATE OR DELETE ON "LedgerLine"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balance();

-- Lines are one-sided and non-negative, and posted lines are final: no insert into, update of or delete from a posted entry.
CREATE FUNCTION ledger_refuse_posted_line_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''DELETE'' AND (NEW."debit" < 0 OR NEW."credit" < 0 OR (NEW."debit" > 0 AND NEW."credit" > 0)) THEN
    RAISE EXCEPTION ''a ledger line is either a debit or a credit, and never negative'' USING ERRCODE = ''LG003''\073
  END IF\073
  IF EXISTS (
    SELECT 1 FROM "LedgerEntry"
     WHERE "state" = ''posted''
       AND "id" IN (CASE WHEN TG_OP = ''INSERT'' THEN NEW."entryId" ELSE OLD."entryId" END,
                    CASE WHEN TG_OP = ''UPDATE'' THEN NEW."entryId" ELSE NULL END)
  ) THEN
    RAISE EXCEPTION ''ledger entry % is posted and cannot be changed'', COALESCE(OLD."entryId", NEW."entryId")
      USING ERRCODE = ''LG002''\073
  END IF\073
  RETURN CASE WHEN TG_OP = ''DELETE'' THEN OLD ELSE NEW END\073
END ';

CREATE TRIGGER "LedgerLine_posted_immutable"
  BEFORE INSERT OR UPDATE OR DELETE ON "LedgerLine"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_posted_line_change();

-- A posted entry is never edited, un-posted or deleted (a correction is a new entry).
CREATE FUNCTION ledger_refuse_posted_entry_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF OLD."state" = ''posted'' THEN
    RAISE EXCEPTION ''ledger entry % is posted and cannot be changed'', OLD."id" USING ERRCODE = ''LG002''\073
  END IF\073
  RETURN CASE WHEN TG_OP = ''DELETE'' THEN OLD ELSE NEW END\073
END ';

CREATE TRIGGER "LedgerEntry_posted_immutable"
  BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_posted_entry_change();
