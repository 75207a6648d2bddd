/**
 * Tests only: a fresh legacy sample database on the test PostgreSQL, opened
 * read-only for the file, closed after it.
 */
import { afterAll, beforeAll } from "vitest";
import { createEmptyDatabase } from "@/server/testing/databases";
import { createLegacySample } from "./create-legacy-sample";
import { openLegacySource, type LegacySource } from "./open-legacy-source";

export function setUpLegacySample(): { readonly url: string; readonly source: LegacySource } {
  const state = {} as { url: string; source: LegacySource };
  beforeAll(async () => {
    state.url = await createEmptyDatabase("legacy");
    await createLegacySample(state.url);
    state.source = await openLegacySource(state.url);
  });
  afterAll(async () => {
    await state.source?.close();
  });
  return state;
}
