import { z } from "zod";

/** Paging input shared by every list: 1-based page, at most 100 rows. */
export const pagingSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type PagingInput = z.infer<typeof pagingSchema>;

export const idSchema = z.object({ id: z.string().min(1) });

/** A page of rows plus the total, so tables can say "Showing 1–25 of 1,234". */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}
