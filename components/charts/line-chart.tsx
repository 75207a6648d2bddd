"use client";

import { CartesianGrid, Line, LineChart as RechartsLineChart, Tooltip, XAxis, YAxis } from "recharts";
import { cn, DISPLAY_LOCALE, DISPLAY_TIME_ZONE } from "@/lib/utils";
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

/** How time is written on the axis and in the tooltip. */
export type TimeFormat = "date" | "datetime" | "time" | ((time: Date) => string);

const TIME_FORMATS: Record<Exclude<TimeFormat, (time: Date) => string>, Intl.DateTimeFormatOptions> = {
  date: { day: "numeric", month: "short" },
  datetime: { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" },
  time: { hour: "numeric", minute: "2-digit" },
};

function timeFormatter(format: TimeFormat): (time: number) => string {
  if (typeof format === "function") return (time) => format(new Date(time));
  const intl = new Intl.DateTimeFormat(DISPLAY_LOCALE, { ...TIME_FORMATS[format], timeZone: DISPLAY_TIME_ZONE });
  return (time) => intl.format(new Date(time));
}

// Series values keyed by series key; `__time` cannot clash with a real field name.
type PlottedPoint = Record<string, number | null> & { __time: number };

function toTime(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : time;
  }
  return null;
}

export interface LineChartProps {
  /** Accessible name of the chart and caption of its screen-reader table, e.g. "Sync throughput". */
  title: string;
  /** One sentence of what the chart shows, for screen readers. */
  description?: string;
  /** One row per point in time, in any order; rows without a readable time are left out. */
  data: readonly ChartDatum[];
  /** The field holding each row's time: a Date, ISO string or epoch milliseconds. */
  timeKey: string;
  series: readonly ChartSeries[];
  /** Axis and tooltip time format (default "date"), in the app's display time zone. */
  timeFormat?: TimeFormat;
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

/**
 * A time series chart with one or more lines. Time is a real scale, so
 * uneven gaps between points show as gaps; a missing value breaks its line.
 */
export function LineChart({
  title,
  description,
  data,
  timeKey,
  series,
  timeFormat = "date",
  height = 260,
  valueFormatter = defaultValueFormatter,
  axisFormatter = compactFormatter,
  showLegend = series.length > 1,
  className,
}: LineChartProps) {
  const reducedMotion = usePrefersReducedMotion();
  const formatTime = timeFormatter(timeFormat);
  const colored = series.map((item, index) => ({ ...item, color: item.color ?? chartColor(index) }));
  const points = data
    .map((row) => ({ row, time: toTime(row[timeKey]) }))
    .filter((point): point is { row: ChartDatum; time: number } => point.time !== null)
    .sort((a, b) => a.time - b.time);
  const plotted = points.map(({ row, time }): PlottedPoint => {
    const point: PlottedPoint = { __time: time };
    for (const item of colored) point[item.key] = numericValue(row[item.key]);
    return point;
  });
  // All zeros is "nothing happened": an empty state says so instead of a flat line on a blank 0–4 axis.
  const hasData = plotted.some((point) => colored.some((item) => point[item.key] !== null && point[item.key] !== 0));

  return (
    <figure aria-label={title} className={cn("flex w-full min-w-0 flex-col gap-3", className)}>
      {hasData ? (
        <RechartsLineChart
          responsive
          data={plotted}
          title={title}
          desc={description}
          style={{ width: "100%", height }}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid {...GRID_PROPS} />
          <XAxis
            {...AXIS_PROPS}
            dataKey="__time"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={formatTime}
            tickMargin={8}
            minTickGap={24}
          />
          <YAxis {...AXIS_PROPS} type="number" tickFormatter={axisFormatter} width="auto" />
          <Tooltip
            {...TOOLTIP_PROPS}
            cursor={{ stroke: "var(--color-border)" }}
            labelFormatter={(time) => (typeof time === "number" ? formatTime(time) : String(time))}
            formatter={(value) => (typeof value === "number" ? valueFormatter(value) : value)}
          />
          {colored.map((item) => (
            <Line
              key={item.key}
              dataKey={item.key}
              name={item.label}
              // Straight segments: a smoothed curve invents values between counts that were never measured.
              type="linear"
              stroke={item.color}
              strokeWidth={2}
              dot={plotted.length === 1}
              activeDot={{ r: 4 }}
              isAnimationActive={!reducedMotion}
            />
          ))}
        </RechartsLineChart>
      ) : (
        <ChartEmpty height={height} />
      )}
      {showLegend && hasData ? <ChartLegend items={colored.map(({ label, color }) => ({ label, color }))} /> : null}
      <ChartDataTable
        caption={description ? `${title}. ${description}` : title}
        columns={["Time", ...colored.map((item) => item.label)]}
        rows={plotted.map((point) => [
          formatTime(point.__time),
          ...colored.map((item) => {
            const value = point[item.key];
            return value === null || value === undefined ? "—" : valueFormatter(value);
          }),
        ])}
      />
    </figure>
  );
}
