import { describe, expect, it } from "vitest";
import { linksByRecipient } from "./follow-links";

const at = (day: number) => new Date(Date.UTC(2026, 11, day));
const link = (id: string, email: string, day: number, extra: Partial<{ revokedAt: Date; expired: boolean; lastUsedAt: Date }> = {}) => ({
  id,
  recipientEmail: email,
  createdAt: at(day),
  lastUsedAt: extra.lastUsedAt ?? null,
  revokedAt: extra.revokedAt ?? null,
  expired: extra.expired ?? false,
});

describe("linksByRecipient", () => {
  it("lists each recipient once with how many links they got, how many still work and when they last used one", () => {
    const rows = linksByRecipient([
      link("1", "rita@x.example", 1, { revokedAt: at(2) }),
      link("2", "rita@x.example", 3, { lastUsedAt: at(4) }),
      link("3", "sam@x.example", 2, { expired: true }),
      link("4", "rita@x.example", 5),
    ]);
    expect(rows).toEqual([
      { recipientEmail: "rita@x.example", sent: 3, live: 2, lastSentAt: at(5), lastUsedAt: at(4) },
      { recipientEmail: "sam@x.example", sent: 1, live: 0, lastSentAt: at(2), lastUsedAt: null },
    ]);
  });
});
