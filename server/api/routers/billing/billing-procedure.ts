/**
 * The procedure tier of the billing console (provider admins only). Also `toWire`: Prisma Decimals become
 * decimal strings before they leave the server, so the client's types say
 * "string" and no amount ever passes through a float.
 */
import { Prisma } from "@/server/generated/prisma/client";
import { adminProcedure } from "../../trpc";

/** Provider admins; billing errors reach the client through the shared error mapper (server/errors). */
export const billingProcedure = adminProcedure;

/** A value with every Prisma Decimal replaced by its exact decimal string. */
export type Wire<T> = T extends Prisma.Decimal
  ? string
  : T extends Date
    ? Date
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export function toWire<T>(value: T): Wire<T> {
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toFixed() as Wire<T>;
  if (value === null || value === undefined || value instanceof Date || typeof value !== "object") return value as Wire<T>;
  if (Array.isArray(value)) return value.map((v) => toWire(v)) as Wire<T>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toWire(v);
  return out as Wire<T>;
}
