import { describe, expect, it } from "vitest";
import { DEFAULT_FAMILY_RULES } from "./chart-of-accounts";
import { classifyFamily } from "./classify-family";

const family = (d: string) => classifyFamily(d, DEFAULT_FAMILY_RULES);

describe("classifyFamily", () => {
  it("maps the seed's items to their families", () => {
    expect(family("Odoo ERP Hosting (2026-05-01 to 2026-06-01)")).toEqual({ family: "hosting", matched: true });
    expect(family("Managed Odoo - Standard (at $49.99 / month)")).toEqual({ family: "managed", matched: true });
    expect(family("Daily Backup Protection")).toEqual({ family: "addons", matched: true });
    expect(family("WhatsApp Business Messaging")).toEqual({ family: "addons", matched: true });
  });

  it("puts proration lines in the family of the item they name, not of words after it", () => {
    expect(family("Remaining time on Daily Backup Protection after 27 May 2026")).toEqual({ family: "addons", matched: true });
    expect(family("Unused time on Managed Odoo - Standard after 3 Jun 2026")).toEqual({ family: "managed", matched: true });
    expect(family("Remaining time on WordPress Website Hosting (at $50.00 / month)")).toEqual({ family: "hosting", matched: true });
    // "hosting" appears only after the named item: the item decides.
    expect(family("Remaining time on Forms Builder after hosting move")).toEqual({ family: "addons", matched: true });
  });

  it("falls back to other, flagged, when nothing matches; the first matching rule wins", () => {
    expect(family("Something Unmapped")).toEqual({ family: "other", matched: false });
    expect(family("Remaining time on Mystery Widget after 1 May 2026")).toEqual({ family: "other", matched: false });
    const rules = [{ keyword: "backup", family: "hosting" as const }, ...DEFAULT_FAMILY_RULES];
    expect(classifyFamily("Daily Backup Protection", rules).family).toBe("hosting");
  });
});
