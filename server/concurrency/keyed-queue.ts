/**
 * Runs work for one key (an approval link, an idempotency key) one call at a
 * time within this process. A burst on one key then holds one pooled
 * connection instead of one per request, each waiting on the same row lock:
 * on a loaded host that starved the pool and every request failed with
 * "Unable to start a transaction in the given time". Database locks still
 * decide between processes.
 */
export class KeyedQueue {
  private readonly running = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier call for `key`; `work` learns whether it had to wait. */
  async run<T>(key: string, work: (waited: boolean) => Promise<T>): Promise<T> {
    const previous = this.running.get(key);
    const run = (previous ?? Promise.resolve()).catch(() => undefined).then(() => work(previous !== undefined));
    this.running.set(key, run);
    try {
      return await run;
    } finally {
      if (this.running.get(key) === run) this.running.delete(key);
    }
  }
}
