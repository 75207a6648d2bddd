/** Saved sessions per demo role, written by e2e/auth.setup.ts. */
export const STORAGE = {
  admin: ".data/e2e-auth/admin.json",
  agent: ".data/e2e-auth/agent.json",
  entechAdmin: ".data/e2e-auth/entech-admin.json",
  entechUser: ".data/e2e-auth/entech-user.json",
  northwindUser: ".data/e2e-auth/northwind-user.json",
} as const;
