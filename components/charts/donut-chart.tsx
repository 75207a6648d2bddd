"use client";

import { Cell, Pie, PieChart, Tooltip } from "recharts";
import { cn, formatNumber } from "@/lib/utils";
import { ChartDataTable, ChartEmpty, ChartLegend } from "./chart-parts";
import { chartColor, defaultValueFormatter, TOOLTIP_PROPS, usePrefersReducedMotion } from "./chart-theme";

/** One slice of a donut. */
export interface DonutSlice {
  label: string;
  value: number;
  /** A CSS colour; defaults to the palette colour for its position. */
  color?: string;
}

export interface DonutChartProps {
  /** Accessible name of the chart and caption of its screen-reader table, e.g. "Queue by status". */
  title: string;
  /** One sentence of what the chart shows, for screen readers. */
  description?: string;
  data: readonly DonutSlice[];
  /** Formats values in the legend, tooltip and screen-reader table. */
  valueFormatter?: (value: number) => string;
  /** Big text in the hole, e.g. the formatted total. */
  centerLabel?: React.ReactNode;
  /** Small text under `centerLabel`, e.g. "tickets". */
  centerCaption?: React.ReactNode;
  /** Pixel size of the donut (default 200). */
  size?: number;
  className?: string;
}

/** A share-of-whole chart with a legend listing each slice's value. Negative values are left out. */
export function DonutChart({
  title,
  description,
  data,
  valueFormatter = defaultValueFormatter,
  centerLabel,
  centerCaption,
  size = 200,
  className,
}: DonutChartProps) {
  const reducedMotion = usePrefersReducedMotion();
  const slices = data
    .map((slice, index) => ({ ...slice, color: slice.color ?? chartColor(index) }))
    .filter((slice) => Number.isFinite(slice.value) && slice.value >= 0);
  const total = slices.reduce((sum, slice) => sum + slice.value, 0);
  const share = (value: number) => (total > 0 ? formatNumber(value / total, { style: "percent", maximumFractionDigits: 1 }) : "—");

  return (
    <figure
      aria-label={title}
      className={cn("flex w-full min-w-0 flex-col items-center gap-4 sm:flex-row sm:flex-wrap sm:items-center", className)}
    >
      {total > 0 ? (
        <>
          <div className="relative shrink-0" style={{ width: size, height: size }}>
            <PieChart responsive title={title} desc={description} style={{ width: size, height: size }}>
              <Tooltip
                {...TOOLTIP_PROPS}
                formatter={(value) => (typeof value === "number" ? valueFormatter(value) : value)}
              />
              <Pie
                data={slices}
                dataKey="value"
                nameKey="label"
                innerRadius="62%"
                outerRadius="100%"
                startAngle={90}
                endAngle={-270}
                paddingAngle={slices.length > 1 ? 1 : 0}
                stroke="var(--color-background)"
                strokeWidth={2}
                isAnimationActive={!reducedMotion}
              >
                {slices.map((slice) => (
                  <Cell key={slice.label} fill={slice.color} />
                ))}
              </Pie>
            </PieChart>
            {centerLabel !== undefined ? (
              <div aria-hidden className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
                <span className="text-xl font-semibold tabular-nums">{centerLabel}</span>
                {centerCaption ? <span className="text-xs text-muted-foreground">{centerCaption}</span> : null}
              </div>
            ) : null}
          </div>
          <ChartLegend
            className="w-full flex-col flex-nowrap gap-y-2 sm:w-auto sm:max-w-xs sm:min-w-48 sm:flex-1"
            items={slices.map((slice) => ({ label: slice.label, color: slice.color, value: valueFormatter(slice.value) }))}
          />
        </>
      ) : (
        <div className="w-full">
          <ChartEmpty height={size} />
        </div>
      )}
      <ChartDataTable
        caption={description ? `${title}. ${description}` : title}
        columns={["Category", "Value", "Share"]}
        rows={slices.map((slice) => [slice.label, valueFormatter(slice.value), share(slice.value)])}
      />
    </figure>
  );
}
