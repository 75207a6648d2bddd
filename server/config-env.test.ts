import { ESLint } from "eslint";
import { afterEach, describe, expect, it } from "vitest";
import { cachedEnvReader } from "./config-env";
import { appEnv } from "./config-readers";

const saved = { ...process.env };
afterEach(() => {
  for (const name of ["SB_TEST_A", "SB_TEST_B", "BILLING_INVOICE_DUE_DAYS", "TRUST_PROXY"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("cachedEnvReader", () => {
  it("parses once, and again only when a variable it read changes", () => {
    let parses = 0;
    const read = cachedEnvReader((env) => {
      parses++;
      return `${env.SB_TEST_A ?? "-"}`;
    });
    process.env.SB_TEST_A = "one";
    expect([read(), read()]).toEqual(["one", "one"]);
    expect(parses).toBe(1);
    process.env.SB_TEST_B = "unrelated";
    expect(read()).toBe("one");
    expect(parses).toBe(1);
    process.env.SB_TEST_A = "two";
    expect(read()).toBe("two");
    delete process.env.SB_TEST_A;
    expect(read()).toBe("-");
    expect(parses).toBe(3);
  });

  it("does not cache a refusal: a bad value throws every time, a fixed one parses", () => {
    process.env.BILLING_INVOICE_DUE_DAYS = "-3";
    expect(() => appEnv.billing()).toThrow(/BILLING_INVOICE_DUE_DAYS/);
    expect(() => appEnv.billing()).toThrow(/BILLING_INVOICE_DUE_DAYS/);
    process.env.BILLING_INVOICE_DUE_DAYS = "14";
    expect(appEnv.billing().invoiceDueDays).toBe(14);
  });

  it("the typed readers parse the given environment (TRUST_PROXY; a bad value falls back to none per request)", () => {
    process.env.TRUST_PROXY = "2";
    expect(appEnv.trustProxy()).toEqual({ kind: "hops", hops: 2 });
    process.env.TRUST_PROXY = "999";
    expect(appEnv.trustProxy()).toEqual({ kind: "none" });
  });
});

describe("the lint rule on environment reads", () => {
  const eslint = new ESLint();
  const problems = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);

  it("refuses process.env in product code, directly or destructured", async () => {
    const code = 'export const a = process.env.STRIPE_SECRET_KEY;\nconst { env } = process;\nexport const b = env;\n';
    expect(await problems("server/billing/new-thing.ts", code)).toEqual([1, 2]);
    expect(await problems("app/api/v1/new/route.ts", code)).toEqual([1, 2]);
  });

  it("lets browser code read only what Next.js inlines, and the config modules, tools and tests read anything", async () => {
    expect(await problems("lib/new-format.ts", "export const a = process.env.NEXT_PUBLIC_LOCALE;\nexport const b = process.env.DATABASE_URL;\n")).toEqual([2]);
    for (const file of ["server/config-env.ts", "server/cli/new-tool.ts", "server/billing/x.test.ts", "e2e/new.spec.ts"]) {
      expect(await problems(file, "export const a = process.env.DATABASE_URL;\n")).toEqual([]);
    }
  });
}, 120_000);
