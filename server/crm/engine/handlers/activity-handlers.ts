/**
 * DELETE, NOTE and TASK items. Notes and tasks belong to a record that must
 * already be in the CRM; while its create is still queued they wait (a
 * short, retryable failure) instead of landing on nothing.
 */
import { z } from "zod";
import { ConnectorError } from "../../connector";
import { entityAdapter } from "../../entities/entity-adapter";
import type { HandlerContext, HandlerResult } from "./handler-context";
import { keyOf } from "./push-record";

const WAIT_FOR_RECORD_MS = 15_000;

function requireExternalId(ctx: HandlerContext): string {
  if (ctx.link?.externalId) return ctx.link.externalId;
  throw new ConnectorError("transient", "The record is not in the CRM yet; waiting for its create", {
    retryAfterMs: WAIT_FOR_RECORD_MS,
  });
}

export async function deleteRecordHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const link = ctx.link;
  if (!link?.externalId) {
    if (link) await ctx.db.syncLink.delete({ where: { id: link.id } });
    return { message: "Never reached the CRM; nothing to delete" };
  }
  const { deleted } = await ctx.connector.deleteRecord(link.module, link.externalId);
  await ctx.db.syncLink.delete({ where: { id: link.id } });
  await entityAdapter(ctx.item.entity)?.rememberExternalId?.(ctx.db, ctx.item.entityId, keyOf(ctx.connection.provider, ctx.connection.id), null);
  return { message: deleted ? "Deleted in the CRM" : "Was already gone from the CRM" };
}

const notePayload = z.object({ text: z.string().min(1) });

export async function noteHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const { text } = notePayload.parse(ctx.item.payload);
  const externalId = requireExternalId(ctx);
  const result = await ctx.connector.addNote({
    module: ctx.link!.module,
    externalId,
    text,
    idempotencyKey: ctx.item.idempotencyKey,
  });
  return { message: result.created ? "Note added" : "Note was already there" };
}

const taskPayload = z.object({
  subject: z.string().min(1),
  description: z.string().optional(),
  dueDate: z.string(),
  priority: z.enum(["High", "Medium", "Low"]).optional(),
});

export async function taskHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const p = taskPayload.parse(ctx.item.payload);
  const { taskRoleId, taskAssignMode } = ctx.connection;
  if (!taskRoleId) {
    throw new ConnectorError("config", "Choose the CRM role that receives follow-up tasks in the connection's settings");
  }
  // A task about a record that is being created waits for it; one about an unlinked record goes without a relation.
  const relatedTo = ctx.link ? { module: ctx.link.module, externalId: requireExternalId(ctx) } : undefined;
  const result = await ctx.connector.createTask({
    subject: p.subject,
    description: p.description,
    dueDate: new Date(`${p.dueDate}T00:00:00Z`),
    priority: p.priority,
    relatedTo,
    assignTo: { roleId: taskRoleId, mode: taskAssignMode === "each" ? "each" : "one" },
    idempotencyKey: ctx.item.idempotencyKey,
  });
  return { message: result.created ? `Task created for ${result.externalIds.length} user(s)` : "Task was already there" };
}
