import { describe, expect, it } from "vitest";
import { VtqlSyntaxError, matches, parseVtql } from "./fake-vtql";

describe("fake VTQL parser", () => {
  it("parses fields, conditions, ordering and LIMIT offset,count", () => {
    const q = parseVtql("SELECT firstname, lastname FROM Contacts WHERE lastname = 'O''Neil' AND email LIKE '%@x.test' ORDER BY lastname DESC LIMIT 100, 50;");
    expect(q.select).toEqual(["firstname", "lastname"]);
    expect(q.module).toBe("Contacts");
    expect(q.orderBy).toEqual([{ field: "lastname", desc: true }]);
    expect([q.offset, q.limit]).toEqual([100, 50]);
    expect(matches({ lastname: "o'neil", email: "a@x.test" }, q.where)).toBe(true);
    expect(matches({ lastname: "O'Neil", email: "a@y.test" }, q.where)).toBe(false);
  });

  it("supports count(*), IN, NOT LIKE, OR with AND binding tighter, and parentheses", () => {
    expect(parseVtql("select count(*) from Users;").select).toBe("count");
    const q = parseVtql("SELECT * FROM Users WHERE roleid IN ('H5','H6') AND status = 'Active' OR user_name NOT LIKE 'a%';");
    expect(matches({ roleid: "H5", status: "Active", user_name: "admin" }, q.where)).toBe(true);
    expect(matches({ roleid: "H2", status: "Active", user_name: "admin" }, q.where)).toBe(false);
    expect(matches({ roleid: "H2", status: "Active", user_name: "bob" }, q.where)).toBe(true);
    const p = parseVtql("SELECT * FROM Users WHERE (roleid = 'H5' OR roleid = 'H6') AND status = 'Active';");
    expect(matches({ roleid: "H6", status: "Inactive" }, p.where)).toBe(false);
  });

  it("compares numbers numerically", () => {
    const q = parseVtql("SELECT * FROM Contacts WHERE cf_payment_count > 9;");
    expect(matches({ cf_payment_count: "10" }, q.where)).toBe(true);
    expect(matches({ cf_payment_count: "9" }, q.where)).toBe(false);
  });

  it("rejects what it does not understand", () => {
    for (const bad of ["SELECT * FROM Contacts", "SELEC * FROM Contacts;", "SELECT * Contacts;", "SELECT * FROM Contacts WHERE a = ", "SELECT * FROM Contacts LIMIT x;", "SELECT * FROM Contacts; DROP"]) {
      expect(() => parseVtql(bad), bad).toThrow(VtqlSyntaxError);
    }
  });
});
