import { cn } from "@/lib/utils";

/** A chart's screen-reader alternative: the plotted numbers as a real table, visually hidden. */
export function ChartDataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
}) {
  // sr-only sits on a wrapper: a table ignores `width: 1px` and would widen the page on phones.
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, cellIndex) =>
                cellIndex === 0 ? (
                  <th key={cellIndex} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={cellIndex}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A colour key under or beside a chart. Hidden from screen readers, who get the data table instead. */
export function ChartLegend({
  items,
  className,
}: {
  items: ReadonlyArray<{ label: string; color: string; value?: string }>;
  className?: string;
}) {
  return (
    <ul aria-hidden className={cn("flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground", className)}>
      {items.map((item) => (
        <li key={item.label} className="flex min-w-0 items-center gap-1.5">
          <span className="size-2.5 shrink-0 rounded-[3px]" style={{ background: item.color }} />
          <span className="truncate">{item.label}</span>
          {item.value !== undefined ? (
            <span className="ml-auto pl-2 font-medium text-foreground tabular-nums">{item.value}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Stands in for a chart with nothing to plot, at the chart's height so the layout does not jump. */
export function ChartEmpty({ height, message = "No data to show yet" }: { height: number; message?: string }) {
  return (
    <div
      className="flex items-center justify-center rounded-md border border-dashed text-sm text-muted-foreground"
      style={{ height }}
    >
      {message}
    </div>
  );
}
