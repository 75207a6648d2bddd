import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const ENV_READERS = [
  "server/config*.ts",
  "server/cli/**",
  "**/testing/**",
  "**/*.test.ts",
  "e2e/**",
  "scripts/**",
  "instrumentation.ts",
  "*.config.{ts,mjs}",
];
const ENV_MESSAGE = "Read the environment through server/config-readers.ts (appEnv), which parses and caches it; add a reader there for a new variable.";

/** Selectors for process.env reads; `inlined` spares process.env.NODE_ENV and process.env.NEXT_PUBLIC_*. */
function envReads(message, inlined = false) {
  const member = "MemberExpression[object.name='process'][property.name='env']";
  return [
    { selector: inlined ? `${member}:not(MemberExpression[property.name=/^(NODE_ENV|NEXT_PUBLIC_[A-Z0-9_]+)$/] > .object)` : member, message },
    { selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']", message },
  ];
}

const config = [
  { ignores: ["node_modules/**", ".next/**", ".data/**", "server/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The running app reads its environment only through server/config-env.ts and the readers
  // built on it (server/config-readers.ts); tools, tests and build configs read their own.
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ENV_READERS,
    rules: { "no-restricted-syntax": ["error", ...envReads(ENV_MESSAGE)] },
  },
  // Browser code may read what Next.js inlines at build time: NODE_ENV and NEXT_PUBLIC_*.
  {
    files: ["lib/**", "components/**"],
    ignores: ENV_READERS,
    rules: { "no-restricted-syntax": ["error", ...envReads(ENV_MESSAGE, true)] },
  },
];
export default config;
