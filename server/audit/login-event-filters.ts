import type { LoginEventFilter } from "@/lib/validators/audit";
import type { Prisma } from "@/server/generated/prisma/client";

/** The Prisma `where` for the Login events filters (shared by the list, the groups and the chart). */
export function loginEventWhere(filter: LoginEventFilter): Prisma.LoginEventWhereInput {
  const occurredAt: Prisma.DateTimeFilter = {};
  if (filter.from) occurredAt.gte = filter.from;
  if (filter.to) occurredAt.lte = filter.to;
  return {
    ...(filter.result ? { result: filter.result } : {}),
    ...(filter.reason ? { failureReason: filter.reason } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.unknownUsers ? { userId: null } : {}),
    ...(filter.login ? { login: { contains: filter.login.toLowerCase() } } : {}),
    ...(filter.ip ? { ip: { startsWith: filter.ip.toLowerCase() } } : {}),
    ...(filter.country ? { countryCode: filter.country } : {}),
    ...(filter.from || filter.to ? { occurredAt } : {}),
  };
}

/** The columns every list of login events shows. */
export const LOGIN_EVENT_LIST_SELECT = {
  id: true,
  occurredAt: true,
  kind: true,
  method: true,
  result: true,
  failureReason: true,
  login: true,
  userId: true,
  ip: true,
  countryCode: true,
  country: true,
  city: true,
  browser: true,
  os: true,
  deviceType: true,
  isBot: true,
  geoState: true,
  user: { select: { id: true, email: true, name: true } },
} satisfies Prisma.LoginEventSelect;

export type LoginEventListRow = Prisma.LoginEventGetPayload<{ select: typeof LOGIN_EVENT_LIST_SELECT }>;
