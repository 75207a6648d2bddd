import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FilterSelect, SearchInput, withFirstPage } from "./list-filters";

describe("list filters", () => {
  it("a new filter value is set and the list goes back to page 1", () => {
    const calls: string[] = [];
    const firstPage = withFirstPage((page) => calls.push(`page ${page}`));
    firstPage((value: string) => calls.push(`search ${value}`))("acme");
    expect(calls).toEqual(["search acme", "page 1"]);
  });

  it("the select offers 'all' first, then each value under its label, with the current one selected", () => {
    const html = renderToStaticMarkup(
      <FilterSelect aria-label="State" value="sent" onValueChange={() => {}} allLabel="All states" values={["queued", "sent"] as const} labelOf={(s) => s.toUpperCase()} />,
    );
    expect(html).toContain('aria-label="State"');
    expect([...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([["", "All states"], ["queued", "QUEUED"], ["sent", "SENT"]]);
  });

  it("the search box is a labelled search input", () => {
    const html = renderToStaticMarkup(<SearchInput aria-label="Search users" value="" onValueChange={() => {}} />);
    expect(html).toMatch(/^<input[^>]*type="search"/);
    expect(html).toContain('aria-label="Search users"');
  });
});
