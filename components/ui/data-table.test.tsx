import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableColumn } from "./data-table";
import { EmptyState } from "./empty-state";

interface Ticket {
  id: string;
  subject: string;
  priority: string;
}

const columns: DataTableColumn<Ticket>[] = [
  { id: "number", header: "Number", cell: (row) => row.id, sortable: true },
  { id: "subject", header: "Subject", cell: (row) => row.subject, sortable: true },
  { id: "priority", header: "Priority", cell: (row) => row.priority },
];

const rows: Ticket[] = [
  { id: "TCK-1", subject: "Printer offline", priority: "high" },
  { id: "TCK-2", subject: "New starter laptop", priority: "normal" },
];

const noop = () => {};

function render(props: Partial<React.ComponentProps<typeof DataTable<Ticket>>> = {}) {
  return renderToStaticMarkup(
    <DataTable
      label="Tickets"
      columns={columns}
      rows={rows}
      getRowId={(row) => row.id}
      onSortChange={noop}
      onPageChange={noop}
      {...props}
    />,
  );
}

/** The opening <th …> tag of the header cell that contains `text`. */
function headerCell(html: string, text: string): string {
  const cells = html.match(/<th[^>]*>.*?<\/th>/g) ?? [];
  const cell = cells.find((candidate) => candidate.includes(text));
  if (!cell) throw new Error(`no header ${text}`);
  return cell.match(/^<th[^>]*>/)![0];
}

function buttonTag(html: string, name: string): string {
  const match = html.match(new RegExp(`<button[^>]*>(?:(?!</button>).)*${name}(?:(?!</button>).)*</button>`));
  if (!match) throw new Error(`no button ${name}`);
  return match[0].match(/^<button[^>]*>/)![0];
}

describe("DataTable", () => {
  it("marks only the sorted column with aria-sort and makes sortable headers buttons", () => {
    const html = render({ sort: { id: "subject", dir: "desc" } });
    expect(headerCell(html, "Subject")).toContain('aria-sort="descending"');
    expect(headerCell(html, "Number")).not.toContain("aria-sort");
    expect(html).toMatch(/<th[^>]*><button type="button"[^>]*>Number/);
    // A column that is not sortable keeps a plain header.
    expect(html).not.toMatch(/<button[^>]*>Priority/);
  });

  it("says which rows are shown, with thousands separators, and disables Previous on page 1", () => {
    const html = render({ paging: { page: 1, pageSize: 25, total: 1234 } });
    expect(html).toContain("Showing 1–25 of 1,234");
    expect(buttonTag(html, "Previous")).toMatch(/\sdisabled=""/);
    expect(buttonTag(html, "Next")).not.toMatch(/\sdisabled=""/);
  });

  it("disables Next on the last page and counts its partial range", () => {
    const html = render({ paging: { page: 50, pageSize: 25, total: 1234 } });
    expect(html).toContain("Showing 1,226–1,234 of 1,234");
    expect(buttonTag(html, "Next")).toMatch(/\sdisabled=""/);
    expect(buttonTag(html, "Previous")).not.toMatch(/\sdisabled=""/);
  });

  it("shows the empty state slot across all columns when there are no rows", () => {
    const html = render({
      rows: [],
      paging: { page: 1, pageSize: 25, total: 0 },
      empty: <EmptyState title="No tickets match these filters" />,
    });
    expect(html).toContain("No tickets match these filters");
    expect(html).toMatch(/<td[^>]*colspan="3"/i);
    expect(html).toContain("No results");
    expect(html).not.toContain("Printer offline");
  });

  it("renders skeleton rows instead of data while loading and marks the table busy", () => {
    const html = render({ loading: true, paging: { page: 1, pageSize: 3, total: 2 } });
    expect(html).toMatch(/<table[^>]*aria-busy="true"/);
    expect(html.match(/data-slot="data-table-skeleton-row"/g)).toHaveLength(3);
    expect(html).not.toContain("Printer offline");
  });

  it("adds labelled row checkboxes and an indeterminate select-all when some rows are selected", () => {
    const html = render({
      selectedIds: ["TCK-2"],
      onSelectionChange: noop,
      getRowLabel: (row) => row.id,
    });
    expect(html).toMatch(/<button[^>]*role="checkbox"[^>]*aria-checked="mixed"[^>]*aria-label="Select all rows on this page"|aria-label="Select all rows on this page"[^>]*aria-checked="mixed"/);
    expect(html).toMatch(/aria-checked="true"[^>]*aria-label="Select TCK-2"|aria-label="Select TCK-2"[^>]*aria-checked="true"/);
    expect(html).toMatch(/<tr[^>]*data-state="selected"[^>]*>(?:(?!<\/tr>).)*New starter laptop/);
  });
});
