import { AsyncLocalStorage } from "node:async_hooks";

// Next.js's server installs this global before any of its modules load; its
// request-scope storage falls back to a throwing fake without it. Imported
// first by the auth route driver so Next's modules see it when they load.
const globals = globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage };
globals.AsyncLocalStorage ??= AsyncLocalStorage;
