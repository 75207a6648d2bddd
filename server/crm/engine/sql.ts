/**
 * SQL fragments for the queue's raw statements. Prisma stores DateTime as
 * TIMESTAMP(3) holding UTC; now() is converted explicitly so the database
 * server's time zone setting can never shift queue times.
 */
import { Prisma } from "@/server/generated/prisma/client";

/** The current time as UTC TIMESTAMP(3), like Prisma writes it. */
export const SQL_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** The wall-clock time (advances within a transaction): creation order of rows written in one transaction. */
export const SQL_CLOCK = Prisma.sql`(clock_timestamp() AT TIME ZONE 'UTC')`;

/** A JS Date as UTC TIMESTAMP(3). */
export function sqlTime(d: Date): Prisma.Sql {
  return Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
