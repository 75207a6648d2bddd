/**
 * The running app's one reader of the process environment. It imports
 * nothing, so the modules that load before anything else (the logger, the
 * database bootstrap) and the CLI tools can use it; the typed readers the app
 * calls are in server/config-readers.ts, and server/config.ts validates the
 * whole environment at start-up. A lint rule (eslint.config.mjs) keeps
 * `process.env` out of every other product file.
 */

type Env = NodeJS.ProcessEnv;

/**
 * The environment as it is now, for the two bootstrap modules that cannot
 * wait for the readers (server/logger.ts, server/db.ts): the readers' area
 * modules log and open the database themselves, so importing them there
 * would load everything before the logger exists.
 */
export function bootEnv(): Readonly<Env> {
  return process.env;
}

/**
 * `parse` applied to the environment, parsed again only when a variable it
 * read has changed since (tests and tools set variables at run time). Every
 * reader in server/config-readers.ts goes through it, so each area's variables are parsed once.
 * A parse that throws is not cached: the next call throws again.
 */
export function cachedEnvReader<T>(parse: (env: Env) => T): () => T {
  let last: { seen: Map<string, string | undefined>; value: T } | undefined;
  return () => {
    const env = process.env;
    if (last && [...last.seen].every(([name, value]) => env[name] === value)) return last.value;
    const seen = new Map<string, string | undefined>();
    const recording = new Proxy(env, {
      get(target, name) {
        const value = Reflect.get(target, name) as string | undefined;
        if (typeof name === "string") seen.set(name, value);
        return value;
      },
    });
    const value = parse(recording);
    last = { seen, value };
    return value;
  };
}

