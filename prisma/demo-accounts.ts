// Kept apart from seed.ts so tests and e2e specs can name the demo accounts
// without loading the database client.

/** Demo sign-ins for development (printed in the README). Never used in production. */
export const DEMO_PASSWORD = "switchboard-demo";

export const DEMO_USERS = [
  { email: "admin@switchboard.local", name: "Avery Admin", role: "PROVIDER_ADMIN", org: "SWB" },
  { email: "agent@switchboard.local", name: "Sam Agent", role: "AGENT", org: "SWB" },
  { email: "admin@entech.example", name: "Erin Entech", role: "CLIENT_ADMIN", org: "ENTECH" },
  { email: "user@entech.example", name: "Eli Entech", role: "CLIENT_USER", org: "ENTECH" },
  { email: "admin@northwind.example", name: "Nora Northwind", role: "CLIENT_ADMIN", org: "NORTHWIND" },
  { email: "user@northwind.example", name: "Ned Northwind", role: "CLIENT_USER", org: "NORTHWIND" },
] as const;
