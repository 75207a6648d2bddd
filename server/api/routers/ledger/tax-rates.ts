import { z } from "zod";
import { db } from "@/server/db";
import { addTaxRate, deleteTaxRate, listTaxRates, setTaxRateRetired, updateTaxRate } from "@/server/ledger/tax-rates";
import { idSchema } from "@/lib/validators/common";
import { taxRateSchema, updateTaxRateSchema } from "@/lib/validators/ledger";
import { adminProcedure, createTRPCRouter } from "../../trpc";

export const ledgerTaxRatesRouter = createTRPCRouter({
  list: adminProcedure.query(() => listTaxRates(db)),
  create: adminProcedure.input(taxRateSchema).mutation(({ input }) => addTaxRate(db, input)),
  update: adminProcedure.input(updateTaxRateSchema).mutation(({ input }) => updateTaxRate(db, input.id, input.data)),
  setRetired: adminProcedure.input(idSchema.extend({ retired: z.boolean() })).mutation(({ input }) => setTaxRateRetired(db, input.id, input.retired)),
  delete: adminProcedure.input(idSchema).mutation(({ input }) => deleteTaxRate(db, input.id)),
});
