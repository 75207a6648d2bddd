"use client";

import { Bar, CartesianGrid, BarChart as RechartsBarChart, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "@/lib/utils";
import { ChartDataTable, ChartEmpty, ChartLegend } from "./chart-parts";
import {
  AXIS_PROPS,
  chartColor,
  compactFormatter,
  defaultValueFormatter,
  GRID_PROPS,
  numericValue,
  TOOLTIP_PROPS,
  usePrefersReducedMotion,
  type ChartDatum,
  type ChartSeries,
} from "./chart-theme";

export interface BarChartProps {
  /** Accessible name of the chart and caption of its screen-reader table, e.g. "Tickets by priority". */
  title: string;
  /** One sentence of what the chart shows, for screen readers. */
  description?: string;
  data: readonly ChartDatum[];
  /** The field holding each bar's category label. */
  categoryKey: string;
  /** What the categories are, as the screen-reader table's first heading (default "Category"). */
  categoryLabel?: string;
  series: readonly ChartSeries[];
  /** Stack the series in one bar per category instead of side by side. */
  stacked?: boolean;
  /** Bars run left to right with categories down the side; better for long labels. */
  horizontal?: boolean;
  /** Pixel height of the plot (default 260). */
  height?: number;
  /** Formats values in the tooltip and the screen-reader table. */
  valueFormatter?: (value: number) => string;
  /** Formats value-axis ticks (default compact: "1.2K"). */
  axisFormatter?: (value: number) => string;
  /** Defaults to shown when there is more than one series. */
  showLegend?: boolean;
  className?: string;
}

/** A categorical bar chart with one or more series, grouped or stacked. */
export function BarChart({
  title,
  description,
  data,
  categoryKey,
  categoryLabel = "Category",
  series,
  stacked = false,
  horizontal = false,
  height = 260,
  valueFormatter = defaultValueFormatter,
  axisFormatter = compactFormatter,
  showLegend = series.length > 1,
  className,
}: BarChartProps) {
  const reducedMotion = usePrefersReducedMotion();
  const colored = series.map((item, index) => ({ ...item, color: item.color ?? chartColor(index) }));
  // All zeros is "nothing happened": an empty state instead of bare axes.
  const hasData = data.some((row) => series.some((item) => { const v = numericValue(row[item.key]); return v !== null && v !== 0; }));
  const categoryAxis = { ...AXIS_PROPS, dataKey: categoryKey, type: "category" as const, tickMargin: 8 };
  const valueAxis = { ...AXIS_PROPS, type: "number" as const, tickFormatter: axisFormatter, allowDecimals: false };

  return (
    <figure aria-label={title} className={cn("flex w-full min-w-0 flex-col gap-3", className)}>
      {hasData ? (
        <RechartsBarChart
          responsive
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          title={title}
          desc={description}
          style={{ width: "100%", height }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          barCategoryGap="20%"
        >
          <CartesianGrid {...GRID_PROPS} vertical={horizontal} horizontal={!horizontal} />
          {horizontal ? (
            <>
              <XAxis {...valueAxis} />
              <YAxis {...categoryAxis} width="auto" />
            </>
          ) : (
            <>
              <XAxis {...categoryAxis} />
              <YAxis {...valueAxis} width="auto" />
            </>
          )}
          <Tooltip {...TOOLTIP_PROPS} formatter={(value) => (typeof value === "number" ? valueFormatter(value) : value)} />
          {colored.map((item, index) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              fill={item.color}
              stackId={stacked ? "stack" : undefined}
              radius={!stacked || index === colored.length - 1 ? (horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0]) : 0}
              maxBarSize={48}
              isAnimationActive={!reducedMotion}
            />
          ))}
        </RechartsBarChart>
      ) : (
        <ChartEmpty height={height} />
      )}
      {showLegend && hasData ? <ChartLegend items={colored.map(({ label, color }) => ({ label, color }))} /> : null}
      <ChartDataTable
        caption={description ? `${title}. ${description}` : title}
        columns={[categoryLabel, ...colored.map((item) => item.label)]}
        rows={data.map((row) => [
          String(row[categoryKey] ?? ""),
          ...colored.map((item) => {
            const value = numericValue(row[item.key]);
            return value === null ? "—" : valueFormatter(value);
          }),
        ])}
      />
    </figure>
  );
}
