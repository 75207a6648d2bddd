import type { AppRole } from "@/lib/auth/roles";

/** What every request knows about its signed-in user; organisation comes from here, never from input. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: AppRole;
  organisationId: string;
  organisationLabel: string;
  organisationName: string;
  organisationKind: "PROVIDER" | "CLIENT";
}
