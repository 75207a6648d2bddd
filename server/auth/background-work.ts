import { logger } from "@/server/logger";

const running = new Set<Promise<void>>();

/**
 * Runs work after the answer is sent, so how long it takes (a database write,
 * a mail hand-off) cannot be read from the response time. Failures are logged,
 * never thrown. The app runs as a long-lived Node server (`next start`), so the
 * promise outlives the request.
 */
export function runInBackground(name: string, work: () => Promise<void>): void {
  // Started on a later turn of the event loop, so it does not share the answer's turn.
  const task = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((error: unknown) => logger.error(`${name}.failed`, { error }))
    .finally(() => running.delete(task));
  running.add(task);
}

/** Resolves when every background task started so far has finished (tests, graceful shutdown). */
export async function settleBackgroundWork(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
