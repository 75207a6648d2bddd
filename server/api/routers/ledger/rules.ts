import { db } from "@/server/db";
import { addFamilyRule, listFamilyRules, removeFamilyRule } from "@/server/ledger/family-rules";
import { idSchema } from "@/lib/validators/common";
import { createFamilyRuleSchema } from "@/lib/validators/ledger";
import { adminProcedure, createTRPCRouter } from "../../trpc";

export const ledgerRulesRouter = createTRPCRouter({
  list: adminProcedure.query(() => listFamilyRules(db)),
  create: adminProcedure.input(createFamilyRuleSchema).mutation(({ input }) => addFamilyRule(db, input)),
  delete: adminProcedure.input(idSchema).mutation(({ input }) => removeFamilyRule(db, input.id)),
});
