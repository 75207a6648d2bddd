/** Browser specs drive the e2e stack's fake Ascora through its /__control API (seed, edit, break, read back). */
import { readRuntime } from "../../support/runtime";

export async function ascoraControl<T = unknown>(path: string, body?: unknown): Promise<T> {
  const origin = new URL(readRuntime().fakes.ascora!).origin;
  const res = await fetch(
    `${origin}/__control/${path}`,
    body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  if (!res.ok) throw new Error(`fake ascora control ${path}: ${res.status}`);
  return (await res.json()) as T;
}
