// Debian's PgBouncer in transaction mode on 127.0.0.1, in front of one
// PostgreSQL, run as an unprivileged user (PgBouncer refuses to run as root).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface PgBouncer {
  url: string;
  stop: () => Promise<void>;
}

const BINARY = "/usr/sbin/pgbouncer";

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`PgBouncer did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Starts PgBouncer on `port` forwarding database `database` to the server at
 * `serverUrl`. `poolSize` server connections are shared by every client.
 */
export async function startPgBouncer(opts: { dir: string; port: number; serverUrl: string; database: string; poolSize: number }): Promise<PgBouncer> {
  if (!fs.existsSync(BINARY)) throw new Error("PgBouncer is not installed: apt-get install -y pgbouncer");
  const server = new URL(opts.serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o777 });
  fs.chmodSync(opts.dir, 0o777);
  const ini = path.join(opts.dir, "pgbouncer.ini");
  const users = path.join(opts.dir, "userlist.txt");
  fs.writeFileSync(users, `"${user}" "${password}"\n`, { mode: 0o644 });
  fs.writeFileSync(
    ini,
    [
      "[databases]",
      `${opts.database} = host=${server.hostname} port=${server.port} dbname=${server.pathname.slice(1)}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${opts.port}`,
      "unix_socket_dir =",
      "auth_type = scram-sha-256",
      `auth_file = ${users}`,
      "pool_mode = transaction",
      `default_pool_size = ${opts.poolSize}`,
      "max_client_conn = 500",
      // PgBouncer 1.18 keeps no prepared statements across transactions: the app
      // must use only unnamed ones (node-postgres does unless given a name).
      "server_reset_query =",
      `logfile = ${path.join(opts.dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  const asRoot = process.getuid?.() === 0;
  const child = asRoot
    ? spawn("runuser", ["-u", user === "postgres" ? "postgres" : "nobody", "--", BINARY, ini], { stdio: ["ignore", "ignore", "pipe"] })
    : spawn(BINARY, [ini], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await Promise.race([
      waitForPort(opts.port, 15_000),
      exited.then(() => {
        throw new Error(`PgBouncer exited: ${stderr.trim()}`);
      }),
    ]);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  server.port = String(opts.port);
  server.hostname = "127.0.0.1";
  server.pathname = `/${opts.database}`;
  return {
    url: server.toString(),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** The pool mode PgBouncer really runs with (read from its admin console is not possible without a stats user; read the ini). */
export function pgBouncerVersion(): string {
  const res = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  return (res.stdout.split("\n")[0] ?? "").trim();
}
