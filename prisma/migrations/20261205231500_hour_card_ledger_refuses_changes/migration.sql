-- The hour-card ledger stays append-only, but a change now fails loudly instead
-- of vanishing: the rules from the hour_cards migration turned UPDATE and DELETE
-- into silent no-ops, so a caller saw success while nothing happened.
-- SQLSTATE raised here (server/hour-cards/hour-card-db-refusals.ts maps it):
--   HC001 a recorded hour-card transaction was changed, deleted or truncated
-- Function bodies are E'' strings with every semicolon written as \073: Prisma's
-- migration runner splits the script at each semicolon, even inside quotes.

DROP RULE "HourCardTransaction_no_update" ON "HourCardTransaction";
DROP RULE "HourCardTransaction_no_delete" ON "HourCardTransaction";

CREATE FUNCTION hour_card_refuse_transaction_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''hour-card transactions are append-only: % refused'', TG_OP
    USING ERRCODE = ''HC001'', HINT = ''record an adjustment instead''\073
END ';

CREATE TRIGGER "HourCardTransaction_append_only"
  BEFORE UPDATE OR DELETE ON "HourCardTransaction"
  FOR EACH ROW EXECUTE FUNCTION hour_card_refuse_transaction_change();

CREATE TRIGGER "HourCardTransaction_no_truncate"
  BEFORE TRUNCATE ON "HourCardTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION hour_card_refuse_transaction_change();
