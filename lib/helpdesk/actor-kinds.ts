/**
 * Who files a ticket (origin) and who is asked to act on it (target). The
 * seed's "tenant" is our "provider": the company running Switchboard.
 */
export const ACTOR_KINDS = ["customer", "provider", "partner", "platform"] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface ActorKindInfo {
  code: ActorKind;
  label: string;
  description: string;
}

export const ACTOR_KIND_INFO: Readonly<Record<ActorKind, ActorKindInfo>> = {
  customer: {
    code: "customer",
    label: "Customer",
    description: "A client organisation's staff, or the client's own app through the API.",
  },
  provider: {
    code: "provider",
    label: "Provider",
    description: "Our support team: agents and admins working in the console.",
  },
  partner: {
    code: "partner",
    label: "Partner",
    description: "A partner organisation such as a field installer or network carrier.",
  },
  platform: {
    code: "platform",
    label: "Platform",
    description: "The platform operator behind the provider's systems.",
  },
};

export function isActorKind(value: unknown): value is ActorKind {
  return typeof value === "string" && (ACTOR_KINDS as readonly string[]).includes(value);
}
