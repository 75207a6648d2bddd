import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";
import { DonutChart } from "./donut-chart";
import { LineChart } from "./line-chart";

/** Text of each row of the screen-reader table, cells joined by "|". */
function tableRows(html: string): string[] {
  const table = html.match(/<div class="sr-only"><table>.*?<\/table><\/div>/)?.[0];
  if (!table) throw new Error("no screen-reader table");
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]).join("|"),
  );
}

describe("chart accessibility", () => {
  it("names a bar chart and lists every series value in its hidden table", () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Tickets by priority"
        categoryKey="priority"
        categoryLabel="Priority"
        series={[
          { key: "open", label: "Open" },
          { key: "closed", label: "Closed" },
        ]}
        data={[
          { priority: "high", open: 1200, closed: 3 },
          { priority: "low", open: 4, closed: null },
        ]}
        stacked
      />,
    );
    expect(html).toMatch(/<figure aria-label="Tickets by priority"/);
    expect(html).toContain("<caption>Tickets by priority</caption>");
    expect(tableRows(html)).toEqual(["Priority|Open|Closed", "high|1,200|3", "low|4|—"]);
  });

  it("orders line chart points by time and writes times in the display zone", () => {
    const html = renderToStaticMarkup(
      <LineChart
        title="Sync throughput"
        description="Jobs processed per day"
        timeKey="day"
        series={[{ key: "done", label: "Done" }]}
        valueFormatter={(value) => `${value} jobs`}
        data={[
          { day: "2026-11-21T00:00:00Z", done: 7 },
          { day: new Date("2026-11-20T00:00:00Z"), done: 5 },
          { day: "not a time", done: 99 },
        ]}
      />,
    );
    expect(html).toContain("<caption>Sync throughput. Jobs processed per day</caption>");
    expect(tableRows(html)).toEqual(["Time|Done", "20 Nov|5 jobs", "21 Nov|7 jobs"]);
  });

  it("gives each donut slice its value and share, and shows an empty state when all are zero", () => {
    const html = renderToStaticMarkup(
      <DonutChart
        title="Queue by status"
        data={[
          { label: "Pending", value: 3 },
          { label: "Failed", value: 1 },
        ]}
      />,
    );
    expect(tableRows(html)).toEqual(["Category|Value|Share", "Pending|3|75%", "Failed|1|25%"]);

    const empty = renderToStaticMarkup(<DonutChart title="Queue by status" data={[{ label: "Pending", value: 0 }]} />);
    expect(empty).toContain("No data to show yet");
  });

  it("shows the empty state instead of bare axes when every count is zero", () => {
    const zeros = [
      { day: "2026-12-01", counters: 0 },
      { day: "2026-12-02", counters: 0 },
    ];
    const line = renderToStaticMarkup(<LineChart title="Counters" data={zeros} timeKey="day" series={[{ key: "counters", label: "Counters" }]} />);
    expect(line).toContain("No data to show yet");
    const bar = renderToStaticMarkup(<BarChart title="Per month" data={[{ m: "Dec", n: 0 }]} categoryKey="m" series={[{ key: "n", label: "N" }]} />);
    expect(bar).toContain("No data to show yet");
  });
});
