// npm run bench:first-paint [-- --dir <checkout>] [--runs N] [--skip-build]
//
// LCP and time to the first data row of /tickets, /my-tickets and /billing in
// Chromium (playwright-core's API, Debian's /usr/bin/chromium) against a
// production build of a checkout: the checkout's own e2e stack (embedded
// PostgreSQL, demo seed, local fakes, `next build` + `next start`) is started
// for the run. `--dir` points at another checkout (e.g. a `git worktree` of the
// base commit) to measure "before" with this same script. Each page is loaded
// `runs` times in a fresh signed-in context; medians are printed, plus whether
// the server's HTML already held the first row. Figures, not assertions.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../../prisma/demo-accounts";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DIR = path.resolve(arg("dir") ?? process.cwd());
const RUNS = Number(arg("runs") ?? 7);
const PORT = Number(arg("port") ?? 3290 + Math.floor(Math.random() * 9));
const BASE = `http://127.0.0.1:${PORT}`;

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
const PROBE = (selector: string) => {
  const w = window as unknown as { __fp: { lcp: number; firstRow: number | null } };
  w.__fp = { lcp: 0, firstRow: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__fp.lcp = Math.max(w.__fp.lcp, entry.startTime);
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const check = () => {
    if (w.__fp.firstRow === null && document.querySelector(selector)) w.__fp.firstRow = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", check);
};

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
    await context.addInitScript(PROBE, target.dataSelector);
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

let stack: ChildProcess | undefined;
try {
  console.log(`Starting ${DIR}'s e2e stack on ${BASE}${args.includes("--skip-build") ? " (reusing its last build)" : " (production build)"}…`);
  stack = spawn("npx", ["tsx", "e2e/support/start-stack.ts", "--port", String(PORT)], {
    cwd: DIR,
    env: { ...process.env, ...(args.includes("--skip-build") ? { E2E_SKIP_BUILD: "1" } : {}) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitForHealth(900_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  console.log(`\nFirst paint (median of ${RUNS} loads after 1 warm-up, 1280×800)`);
  for (const target of TARGETS) {
    const r = await measure(browser, target);
    console.log(
      `${target.path.padEnd(12)} LCP ${r.lcp.toFixed(0).padStart(6)} ms   first data row ${r.firstRow.toFixed(0).padStart(6)} ms   row in server HTML: ${r.rowInHtml ? "yes" : "no"}`,
    );
  }
  await browser.close();
} finally {
  // The stack runs in its own process group (next start, fakes, PostgreSQL): stop all of it.
  if (stack?.pid) {
    try {
      process.kill(-stack.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
