import { describe, expect, it } from "vitest";
import { runToCsv } from "./run-csv";

type Run = Parameters<typeof runToCsv>[0];

const item = (over: Partial<Run["items"][number]>): Run["items"][number] => ({
  id: "i1",
  seq: 1,
  kind: "time_log",
  externalId: "43x7",
  title: "Onsite",
  hoursText: "1.50",
  state: "transferred",
  cardId: "card1",
  minutes: 90,
  reason: null,
  error: null,
  processedAt: new Date("2026-03-02T10:00:00Z"),
  raw: {},
  ...over,
});

describe("the run's CSV report", () => {
  it("has one line per item with the mode, and quotes commas, quotes and line breaks", () => {
    const run = { dryRun: false, items: [item({}), item({ id: "i2", seq: 2, kind: "case", title: 'Printer, "level 2"\nfloor', state: "skipped", minutes: null, reason: "dup" })] } as unknown as Run;
    const lines = runToCsv(run).split("\r\n");
    expect(lines[0]).toBe("seq,kind,crm_id,title,crm_hours,state,card_id,hours_transferred,reason,error,processed_at,mode");
    expect(lines[1]).toBe("1,time_log,43x7,Onsite,1.50,transferred,card1,1.50 h,,,2026-03-02T10:00:00.000Z,COMMITTED");
    expect(runToCsv(run)).toContain('"Printer, ""level 2""\nfloor"');
  });

  it("never lets CRM text start a spreadsheet formula", () => {
    const run = { dryRun: true, items: [item({ title: "=HYPERLINK(\"http://x\")", hoursText: "-1" })] } as unknown as Run;
    const line = runToCsv(run).split("\r\n")[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(line).toContain(",'-1,");
    expect(line.endsWith("DRY RUN")).toBe(true);
  });
});
