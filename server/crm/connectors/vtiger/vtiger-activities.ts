/**
 * Notes (ModComments) and follow-up tasks (Calendar) on Vtiger records.
 * Each carries a short reference made from the caller's idempotency key, so
 * a retry after a lost answer finds what the first attempt made instead of
 * adding a second note or task.
 */
import crypto from "node:crypto";
import { ConnectorError, type AddNoteInput, type CreateTaskInput } from "../../connector";
import type { VtigerClient } from "./vtiger-client";
import type { ModuleGuard } from "./vtiger-module-guard";
import type { VtigerUsers } from "./vtiger-users";
import { vtqlContains, vtqlString } from "./vtql";

/** The reference written into a note or task, e.g. "[ref 3f2a…]". */
export function activityRef(idempotencyKey: string, assignee?: string): string {
  return assignee ? `[ref ${idempotencyKey}:${assignee}]` : `[ref ${idempotencyKey}]`;
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Stable choice of one element by key, so retries pick the same user. */
function pickStable<T>(items: readonly T[], key: string): T {
  const n = crypto.createHash("sha256").update(key).digest().readUInt32BE(0);
  return items[n % items.length]!;
}

export class VtigerActivities {
  constructor(
    private readonly client: VtigerClient,
    private readonly guard: ModuleGuard,
    private readonly users: VtigerUsers,
  ) {}

  async addNote(input: AddNoteInput): Promise<{ externalId: string; created: boolean }> {
    this.guard.require("ModComments", ["commentcontent", "related_to"]);
    if (!input.text.trim()) throw new ConnectorError("validation", "A note needs text", { fields: ["commentcontent"] });
    const ref = activityRef(input.idempotencyKey);
    const found = await this.client.query(
      `SELECT commentcontent FROM ModComments WHERE related_to = ${vtqlString(input.externalId)} AND commentcontent LIKE ${vtqlContains(ref)}`,
    );
    const existing = found.find((r) => String(r.commentcontent ?? "").includes(ref));
    if (existing) return { externalId: existing.id, created: false };
    const { userId } = await this.client.getSession();
    const created = await this.client.create("ModComments", {
      commentcontent: `${input.text.trim()}\n\n${ref}`,
      related_to: input.externalId,
      assigned_user_id: userId,
    });
    return { externalId: created.id, created: true };
  }

  private async assignees(input: CreateTaskInput): Promise<string[]> {
    if ("userId" in input.assignTo) return [input.assignTo.userId];
    const { roleId, mode } = input.assignTo;
    const users = await this.users.listUsers({ roleId, activeOnly: true });
    if (users.length === 0) {
      throw new ConnectorError("validation", `No active Vtiger users have role ${roleId} to take the task`);
    }
    const ids = users.map((u) => u.externalId).sort();
    return mode === "each" ? ids : [pickStable(ids, input.idempotencyKey)];
  }

  async createTask(input: CreateTaskInput): Promise<{ externalIds: string[]; created: number }> {
    const needed = ["subject", "description", "date_start", "due_date", "taskstatus", "assigned_user_id"];
    const relatedField = input.relatedTo ? (input.relatedTo.module === "Contacts" ? "contact_id" : "parent_id") : undefined;
    if (relatedField) needed.push(relatedField);
    this.guard.require("Calendar", needed);
    if (!input.subject.trim()) throw new ConnectorError("validation", "A task needs a subject", { fields: ["subject"] });

    const assignees = await this.assignees(input);
    const existing = await this.client.query(
      `SELECT description FROM Calendar WHERE description LIKE ${vtqlContains(activityRef(input.idempotencyKey).slice(0, -1))}`,
    );
    const externalIds: string[] = [];
    let created = 0;
    for (const assignee of assignees) {
      const ref = activityRef(input.idempotencyKey, assignee);
      const done = existing.find((r) => String(r.description ?? "").includes(ref));
      if (done) {
        externalIds.push(done.id);
        continue;
      }
      const start = input.startDate ?? new Date();
      // time_start is mandatory, and a task without activitytype "Task" is stored invisible to
      // retrieve, query and sync, so a retry could not find it and would make another (recorded 60–65).
      const element: Record<string, string> = {
        subject: input.subject.trim(),
        description: [input.description?.trim(), ref].filter(Boolean).join("\n\n"),
        activitytype: "Task",
        date_start: ymd(start),
        time_start: start.toISOString().slice(11, 19),
        due_date: ymd(input.dueDate),
        taskstatus: "Not Started",
        assigned_user_id: assignee,
      };
      if (input.priority && this.guard.isFieldEnabled("Calendar", "taskpriority")) element.taskpriority = input.priority;
      if (relatedField && input.relatedTo) element[relatedField] = input.relatedTo.externalId;
      const rec = await this.client.create("Calendar", element);
      externalIds.push(rec.id);
      created += 1;
    }
    return { externalIds, created };
  }
}
