import type { ListLoginEventsInput } from "@/lib/validators/audit";
import type { Page } from "@/lib/validators/common";
import type { DbOrTx } from "@/server/db";
import { LOGIN_EVENT_LIST_SELECT, loginEventWhere, type LoginEventListRow } from "./login-event-filters";

/**
 * A page of login events, newest first. Unsafe by design of the data: audit
 * rows are provider-wide (no organisation), so only admins may call this.
 */
export async function unsafeListLoginEvents(db: DbOrTx, input: ListLoginEventsInput): Promise<Page<LoginEventListRow>> {
  const where = loginEventWhere(input);
  const [rows, total] = await Promise.all([
    db.loginEvent.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: LOGIN_EVENT_LIST_SELECT,
    }),
    db.loginEvent.count({ where }),
  ]);
  return { rows, total, page: input.page, pageSize: input.pageSize };
}

/** One login event with every raw field (admin-only, provider-wide). */
export function unsafeGetLoginEvent(db: DbOrTx, id: string) {
  return db.loginEvent.findUnique({ where: { id }, include: { user: { select: { id: true, email: true, name: true, disabledAt: true } } } });
}
