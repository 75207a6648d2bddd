import type { ApplicationListQuery } from "@/lib/validators/applications";
import type { Page } from "@/lib/validators/common";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { hasSignedPages } from "./signed-pages";

const LIST_SELECT = {
  id: true,
  number: true,
  organisationId: true,
  applicantName: true,
  program: true,
  reference: true,
  status: true,
  signedPagesInOriginal: true,
  signaturePages: true,
  updatedAt: true,
  createdAt: true,
  documents: { select: { kind: true } },
  signingRequests: { select: { state: true, expiresAt: true, page: true } },
} satisfies Prisma.ApplicationSelect;

export interface ApplicationListRow {
  id: string;
  number: string;
  organisationId: string;
  organisationLabel: string;
  applicantName: string;
  program: string;
  reference: string | null;
  status: string;
  hasSignedPages: boolean;
  updatedAt: Date;
}

function listWhere(query: ApplicationListQuery, organisationId: string | undefined): Prisma.ApplicationWhereInput {
  const and: Prisma.ApplicationWhereInput[] = [];
  if (organisationId) and.push({ organisationId });
  if (query.search) and.push({ searchText: { contains: query.search.toLowerCase() } });
  if (query.status) and.push({ status: query.status });
  return { AND: and };
}

async function listApplications(db: DbOrTx, query: ApplicationListQuery, organisationId: string | undefined): Promise<Page<ApplicationListRow>> {
  const where = listWhere(query, organisationId);
  const [rows, total] = await Promise.all([
    db.application.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: LIST_SELECT,
    }),
    db.application.count({ where }),
  ]);
  const organisations = await db.organisation.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.organisationId))] } },
    select: { id: true, label: true },
  });
  const labels = new Map(organisations.map((o) => [o.id, o.label]));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      organisationId: r.organisationId,
      organisationLabel: labels.get(r.organisationId) ?? "",
      applicantName: r.applicantName,
      program: r.program,
      reference: r.reference,
      status: r.status,
      hasSignedPages: hasSignedPages({ ...r, documentKinds: r.documents.map((d) => d.kind) }),
      updatedAt: r.updatedAt,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Console list across every client organisation (provider staff only; the router's tier guarantees it). */
export function unsafeListConsoleApplications(db: DbOrTx, query: ApplicationListQuery): Promise<Page<ApplicationListRow>> {
  return listApplications(db, query, query.organisationId);
}

/** My Tickets list: always the caller's own organisation, whatever the query says. */
export function listOrganisationApplications(db: DbOrTx, organisationId: string, query: ApplicationListQuery): Promise<Page<ApplicationListRow>> {
  return listApplications(db, query, organisationId);
}
