// npm run bench:first-paint [-- --runs N] [--skip-build] [--before <rev> | --no-before]
//
// LCP and time to the first data row of /tickets, /my-tickets and /billing in
// Chromium (playwright-core's API, Debian's /usr/bin/chromium) against
// production builds, "before" and "after" in one run:
// - after: this checkout (server prefetch + hydrate);
// - before: the commit before server prefetch landed (by default the parent of
//   the commit that added lib/trpc/server.tsx), unpacked with `git archive`
//   into a temporary folder that shares this checkout's node_modules by hard
//   links, and built there once (kept, so a second run reuses the build).
// Each checkout's own e2e stack (embedded PostgreSQL, demo seed, local fakes,
// `next build` + `next start`) is started for its turn. Each page is loaded
// `runs` times in a fresh signed-in context; medians are printed side by side,
// plus whether the server's HTML already held the first row. Figures, not
// assertions; run it through the shared heavy-work lock (it builds twice).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../../prisma/demo-accounts";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DIR = process.cwd();
const RUNS = Number(arg("runs") ?? 7);
const PORT = Number(arg("port") ?? 3290 + Math.floor(Math.random() * 9));
let BASE = `http://127.0.0.1:${PORT}`;

interface Target {
  path: string;
  email: string;
  /** An element that only exists once the page shows data (not a skeleton). */
  dataSelector: string;
  /** Text the first data row carries, to tell whether the server's HTML already had it. */
  htmlMarker: RegExp;
}

const TARGETS: Target[] = [
  { path: "/tickets", email: "agent@switchboard.local", dataSelector: 'table[aria-label="Tickets"] tbody tr a[href^="/tickets/TCK-"]', htmlMarker: /href="\/tickets\/TCK-/ },
  { path: "/my-tickets", email: "user@entech.example", dataSelector: '[data-testid="inbox-row"]', htmlMarker: /data-testid="inbox-row"/ },
  { path: "/billing", email: "admin@switchboard.local", dataSelector: '[data-slot="stat-card"]', htmlMarker: /data-slot="stat-card"/ },
];

// Runs in the page before any of its scripts: records LCP and the moment the first data element appears.
// Plain JavaScript source, not a function: tsx compiles functions with a `__name` helper the page lacks.
const probe = (selector: string) => `(() => {
  const fp = (window.__fp = { lcp: 0, firstRow: null });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) fp.lcp = Math.max(fp.lcp, entry.startTime);
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const check = () => {
    if (fp.firstRow === null && document.querySelector(${JSON.stringify(selector)})) fp.firstRow = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", check);
})();`;

async function waitForHealth(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the app did not come up");
}

async function signIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/sign-in`);
  const form = page.getByRole("tabpanel", { name: "Password" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByRole("textbox", { name: "Password" }).fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 60_000 });
  await page.close();
  return context;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

async function measure(browser: Browser, target: Target) {
  const signedIn = await signIn(browser, target.email);
  const state = await signedIn.storageState();
  await signedIn.close();
  const lcp: number[] = [];
  const firstRow: number[] = [];
  let rowInHtml = false;
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ storageState: state, viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: probe(target.dataSelector) });
    const page = await context.newPage();
    const response = await page.goto(`${BASE}${target.path}`, { waitUntil: "load" });
    const html = (await response?.text()) ?? "";
    await page.waitForSelector(target.dataSelector, { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    const fp = await page.evaluate(() => (window as unknown as { __fp: { lcp: number; firstRow: number | null } }).__fp);
    await context.close();
    if (i === 0) continue; // warm-up: first compile of the route, cold caches
    rowInHtml = target.htmlMarker.test(html);
    lcp.push(fp.lcp);
    firstRow.push(fp.firstRow ?? Number.NaN);
  }
  return { lcp: median(lcp), firstRow: median(firstRow), rowInHtml };
}

type Figures = Awaited<ReturnType<typeof measure>>;

/** The commit just before server prefetch: the parent of the commit that added lib/trpc/server.tsx. */
function defaultBeforeRev(): string {
  const added = execFileSync("git", ["log", "--diff-filter=A", "--format=%H", "--", "lib/trpc/server.tsx"], { cwd: DIR, encoding: "utf8" }).trim().split("\n").pop();
  if (!added) throw new Error("lib/trpc/server.tsx has no history here; pass --before <rev>");
  return `${added}^`;
}

/** Unpacks `rev` into a kept temporary folder with this checkout's node_modules (hard links) and its Prisma client. */
function prepareCheckout(rev: string): string {
  const sha = execFileSync("git", ["rev-parse", "--short", rev], { cwd: DIR, encoding: "utf8" }).trim();
  const dir = path.join(os.tmpdir(), `switchboard-first-paint-${sha}`);
  if (!fs.existsSync(path.join(dir, ".prepared"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("sh", ["-c", `git archive ${sha} | tar -x -C ${JSON.stringify(dir)}`], { cwd: DIR, stdio: "inherit" });
    execFileSync("cp", ["-al", path.join(DIR, "node_modules"), path.join(dir, "node_modules")]);
    execFileSync("npm", ["run", "generate"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    fs.writeFileSync(path.join(dir, ".prepared"), sha);
  }
  return dir;
}

/** Starts a checkout's e2e stack, measures every target, and stops the stack (its own process group). */
async function measureCheckout(dir: string, port: number, build: boolean): Promise<Figures[]> {
  BASE = `http://127.0.0.1:${port}`;
  console.log(`Starting ${dir}'s e2e stack on ${BASE}${build ? " (production build)" : " (reusing its last build)"}…`);
  const stack = spawn("npx", ["tsx", "e2e/support/start-stack.ts", "--port", String(port)], {
    cwd: dir,
    env: { ...process.env, ...(build ? {} : { E2E_SKIP_BUILD: "1" }) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitForHealth(900_000);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    try {
      const figures: Figures[] = [];
      for (const target of TARGETS) figures.push(await measure(browser, target));
      return figures;
    } finally {
      await browser.close();
    }
  } finally {
    try {
      if (stack.pid) process.kill(-stack.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

const beforeRev = args.includes("--no-before") ? null : (arg("before") ?? defaultBeforeRev());
const after = await measureCheckout(DIR, PORT, !args.includes("--skip-build"));
let before: Figures[] | null = null;
if (beforeRev) {
  const dir = prepareCheckout(beforeRev);
  before = await measureCheckout(dir, PORT + 10, !fs.existsSync(path.join(dir, ".next", "BUILD_ID")));
}

const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
console.log(`\nFirst paint (median of ${RUNS} loads after 1 warm-up, 1280×800)${beforeRev ? `; before = ${beforeRev} (client fetch), after = this checkout (server prefetch)` : ""}`);
console.log(`${"page".padEnd(12)} ${"".padEnd(7)} ${"LCP".padStart(8)} ${"first row".padStart(10)}  row in server HTML`);
TARGETS.forEach((target, i) => {
  const rows: [string, Figures | undefined][] = [["before", before?.[i]], ["after", after[i]]];
  for (const [label, r] of rows) {
    if (!r) continue;
    console.log(`${(label === "before" || !before ? target.path : "").padEnd(12)} ${label.padEnd(7)} ${ms(r.lcp)} ${ms(r.firstRow).padStart(10)}  ${r.rowInHtml ? "yes" : "no"}`);
  }
});
