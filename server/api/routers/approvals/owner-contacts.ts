import { organisationOwnerContactSchema, ownerContactSchema } from "@/lib/validators/approvals";
import { getOwnerContactOrThrow, unsafeListOwnerContacts, updateOwnerContact } from "@/server/approvals/owner-contact";
import { adminProcedure, clientProcedure, providerProcedure } from "../../trpc";
import { clientAdminProcedure } from "./client-admin-procedure";

/** Every client organisation's owner contact (console). */
export const ownerContacts = providerProcedure.query(({ ctx }) => unsafeListOwnerContacts(ctx.db));

/** A provider admin sets any client organisation's owner contact. */
export const updateOwnerContactFor = adminProcedure
  .input(organisationOwnerContactSchema)
  .mutation(({ ctx, input }) => updateOwnerContact(ctx.db, input.organisationId, input.data));

/** The caller's own organisation's owner contact (My Tickets). */
export const myOwnerContact = clientProcedure.query(({ ctx }) => getOwnerContactOrThrow(ctx.db, ctx.organisationId));

/** A client admin sets their own organisation's owner contact; the organisation comes from the session. */
export const updateMyOwnerContact = clientAdminProcedure
  .input(ownerContactSchema)
  .mutation(({ ctx, input }) => updateOwnerContact(ctx.db, ctx.organisationId, input));
