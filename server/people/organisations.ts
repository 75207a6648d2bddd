import type { CreateOrganisationInput, ListOrganisationsInput, UpdateOrganisationInput } from "@/lib/validators/people";
import type { Page } from "@/lib/validators/common";
import type { Db, DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { listAccountActions, recordAccountAction } from "./account-actions";
import { conflict, notFound } from "./errors";
import { createInvitation } from "./invitations";
import type { PeopleActor } from "./people-scope";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";

type Admin = PeopleActor & { name: string | null; email: string };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Provider admins' list of client organisations, searchable by name, label or owner. */
export async function unsafeListOrganisations(db: DbOrTx, input: ListOrganisationsInput) {
  // unsafe…: no tenant filter, because only provider admins (adminProcedure) reach it.
  const search = input.search?.trim();
  const where: Prisma.OrganisationWhereInput = {
    kind: "CLIENT",
    ...(input.status === "active" ? { archivedAt: null } : input.status === "archived" ? { archivedAt: { not: null } } : {}),
    ...(search
      ? { OR: ["name", "label", "ownerName", "ownerEmail"].map((field) => ({ [field]: { contains: search, mode: "insensitive" as const } })) }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.organisation.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: { _count: { select: { memberships: true, tickets: true, invitations: { where: { pendingKey: { not: null } } } } } },
    }),
    db.organisation.count({ where }),
  ]);
  const page: Page<(typeof rows)[number]> = { rows, total, page: input.page, pageSize: input.pageSize };
  return page;
}

/** Creates a client organisation and, when an admin e-mail is given, its first admin's invitation, in one transaction. */
export async function createOrganisation(db: Db, actor: Admin, input: CreateOrganisationInput) {
  // Labels are never reused: an archived organisation keeps its label, and the unique index covers every row.
  try {
    const { organisation, emailId } = await db.$transaction(async (tx) => {
      const { adminEmail, ...fields } = input;
      const organisation = await tx.organisation.create({ data: { ...fields, kind: "CLIENT" } });
      await recordAccountAction(tx, { action: "organisation.created", actorId: actor.id, organisationId: organisation.id, detail: { label: organisation.label } });
      const invitation = adminEmail ? await createInvitation(tx, actor, { organisationId: organisation.id, email: adminEmail, role: "CLIENT_ADMIN", createCrmUser: false }) : null;
      return { organisation, emailId: invitation?.emailId };
    });
    if (emailId) await dispatchOutboxEmails([emailId]);
    return organisation;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("label", "this label is already used (labels are never reused, even after archiving)");
    throw error;
  }
}

export async function updateOrganisation(db: Db, actor: Admin, input: UpdateOrganisationInput) {
  return db.$transaction(async (tx) => {
    const existing = await tx.organisation.findFirst({ where: { id: input.id, kind: "CLIENT" } });
    if (!existing) throw notFound("Organisation");
    const organisation = await tx.organisation.update({ where: { id: input.id }, data: input.data });
    await recordAccountAction(tx, { action: "organisation.updated", actorId: actor.id, organisationId: input.id, detail: { fields: Object.keys(input.data) } });
    return organisation;
  });
}

/**
 * Archives (or restores) a client organisation. History stays; its people
 * can no longer sign in (the adapter ignores memberships of archived
 * organisations), and their open sessions end at once.
 */
export async function setOrganisationArchived(db: Db, actor: Admin, id: string, archived: boolean, now = new Date()) {
  await db.$transaction(async (tx) => {
    const existing = await tx.organisation.findFirst({ where: { id, kind: "CLIENT" } });
    if (!existing) throw notFound("Organisation");
    await tx.organisation.update({ where: { id }, data: { archivedAt: archived ? (existing.archivedAt ?? now) : null } });
    if (archived) await tx.session.deleteMany({ where: { user: { memberships: { some: { organisationId: id } } } } });
    await recordAccountAction(tx, { action: archived ? "organisation.archived" : "organisation.restored", actorId: actor.id, organisationId: id });
  });
}

/** Links the billing/CRM customer record to this organisation (or unlinks it with null). */
export async function linkOrganisationCustomer(db: Db, actor: Admin, id: string, customerId: string | null) {
  await db.$transaction(async (tx) => {
    if (!(await tx.organisation.findFirst({ where: { id, kind: "CLIENT" } }))) throw notFound("Organisation");
    if (customerId) {
      const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { organisation: { select: { id: true, label: true } } } });
      if (!customer) throw notFound("Customer");
      // Taking another organisation's customer record silently would move its billing: unlink it there first.
      if (customer.organisation && customer.organisation.id !== id) {
        throw conflict("customerId", `this customer record is linked to ${customer.organisation.label}; unlink it there first`);
      }
    }
    await tx.customer.updateMany({ where: { organisationId: id }, data: { organisationId: null } });
    if (customerId) await tx.customer.update({ where: { id: customerId }, data: { organisationId: id } });
    await recordAccountAction(tx, { action: "organisation.updated", actorId: actor.id, organisationId: id, detail: { customerId } });
  });
}

/** Everything the organisation page shows: people, invitations, tickets, approvals, customers and billing, recent sign-ins, trail. */
export async function unsafeGetOrganisationDetail(db: DbOrTx, id: string, now = new Date()) {
  // unsafe…: any organisation by id, because only provider admins (adminProcedure) reach it.
  const organisation = await db.organisation.findFirst({
    where: { id, kind: "CLIENT" },
    include: {
      memberships: { include: { user: { select: { id: true, name: true, email: true, disabledAt: true, deletedAt: true } } }, orderBy: { createdAt: "asc" } },
      customers: { select: { id: true, name: true, email: true, paymentMethodLabel: true, stripeCustomerId: true } },
    },
  });
  if (!organisation) throw notFound("Organisation");
  const userIds = organisation.memberships.map((m) => m.userId);
  const customerIds = organisation.customers.map((c) => c.id);
  const [openTickets, recentTickets, pendingApprovals, openInvoices, recentSignIns, invitations, actions] = await Promise.all([
    db.ticket.count({ where: { organisationId: id, status: { notIn: ["resolved", "closed"] } } }),
    db.ticket.findMany({ where: { organisationId: id }, orderBy: { updatedAt: "desc" }, take: 5, select: { id: true, number: true, subject: true, status: true, updatedAt: true } }),
    db.approvalEngagement.count({ where: { organisationId: id, state: "pending" } }),
    db.billingInvoice.count({ where: { customerId: { in: customerIds }, status: { in: ["open", "uncollectible"] } } }),
    db.loginEvent.findMany({ where: { userId: { in: userIds }, kind: "SIGN_IN" }, orderBy: { occurredAt: "desc" }, take: 10 }),
    db.invitation.findMany({ where: { organisationId: id, pendingKey: { not: null } }, orderBy: { createdAt: "desc" } }),
    listAccountActions(db, { organisationId: id }, 20),
  ]);
  return {
    organisation,
    people: organisation.memberships.filter((m) => !m.user.deletedAt).map((m) => ({ ...m.user, role: m.role })),
    invitations: invitations.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt, lastSentAt: r.lastSentAt, expired: r.expiresAt <= now })),
    tickets: { open: openTickets, recent: recentTickets },
    pendingApprovals,
    billing: { customers: organisation.customers, openInvoices },
    recentSignIns,
    actions,
  };
}
