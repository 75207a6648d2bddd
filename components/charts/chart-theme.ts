"use client";

import { useSyncExternalStore } from "react";
import { formatNumber } from "@/lib/utils";

/** The theme's chart palette (app/globals.css), in the order series receive it. */
export const CHART_COLORS = [
  "var(--color-chart-1)",
  "var(--color-chart-2)",
  "var(--color-chart-3)",
  "var(--color-chart-4)",
  "var(--color-chart-5)",
  "var(--color-chart-6)",
] as const;

/** Colour for the series at `index`, wrapping round the palette. */
export function chartColor(index: number): string {
  return CHART_COLORS[index % CHART_COLORS.length]!;
}

/** One plotted series: the data field it reads, its name for people, an optional colour. */
export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS colour; defaults to the palette colour for its position. Prefer theme variables. */
  color?: string;
}

/** One row of chart data: the category or time field plus one numeric field per series. */
export type ChartDatum = Readonly<Record<string, string | number | Date | null | undefined>>;

/** Default formatter for values in tooltips and the screen-reader table. */
export const defaultValueFormatter = (value: number): string => formatNumber(value);

/** Short axis ticks: "1.2K", "3.4M". */
export const compactFormatter = (value: number): string => formatNumber(value, { notation: "compact" });

export const AXIS_PROPS = {
  stroke: "var(--color-border)",
  tick: { fill: "var(--color-muted-foreground)", fontSize: 12 },
  tickLine: false,
  axisLine: false,
} as const;

export const GRID_PROPS = { stroke: "var(--color-border)", strokeDasharray: "3 3", vertical: false } as const;

export const TOOLTIP_PROPS = {
  contentStyle: {
    background: "var(--color-popover)",
    border: "1px solid var(--color-border)",
    borderRadius: "var(--radius-md)",
    boxShadow: "0 4px 12px rgb(0 0 0 / 0.08)",
    color: "var(--color-popover-foreground)",
    fontSize: 12,
    padding: "0.5rem 0.75rem",
  },
  labelStyle: { fontWeight: 600, marginBottom: 4 },
  itemStyle: { padding: 0 },
  separator: ": ",
  cursor: { fill: "var(--color-muted)", opacity: 0.6 },
} as const;

function subscribeReducedMotion(onChange: () => void) {
  const query = window.matchMedia("(prefers-reduced-motion: reduce)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True when the user asked the system for less motion; charts then skip their animations. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia("(prefers-reduced-motion: reduce)").matches,
    () => true,
  );
}

/** Reads a numeric field; anything else (missing, text) counts as no value. */
export function numericValue(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
