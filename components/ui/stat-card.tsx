import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";
import { cn } from "@/lib/utils";

export interface StatTrend {
  direction: "up" | "down" | "flat";
  /** The change, already formatted: "12%", "+340", "3 more than last week". */
  value: string;
  /**
   * Whether this change is good news. Up is not always good (failures,
   * queue depth), so the caller decides the colour; defaults to neutral.
   */
  sentiment?: "positive" | "negative" | "neutral";
  /** What the change is compared with: "vs last week". */
  label?: string;
}

export interface StatCardProps extends React.ComponentProps<"div"> {
  label: React.ReactNode;
  /** The figure, already formatted (formatNumber, formatMoney). */
  value: React.ReactNode;
  /** A line of context under the value. */
  hint?: React.ReactNode;
  trend?: StatTrend;
}

const TREND_ICONS = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight } as const;
const TREND_WORDS = { up: "Up", down: "Down", flat: "No change," } as const;
const SENTIMENT_CLASSES = {
  positive: "text-success",
  negative: "text-danger",
  neutral: "text-muted-foreground",
} as const;

/** One headline number on a dashboard, with an optional trend. */
export function StatCard({ label, value, hint, trend, className, ...props }: StatCardProps) {
  const TrendIcon = trend ? TREND_ICONS[trend.direction] : null;
  return (
    <div
      data-slot="stat-card"
      className={cn("flex min-w-0 flex-col gap-1 rounded-lg border bg-card p-5 text-card-foreground shadow-xs", className)}
      {...props}
    >
      <p className="text-sm text-muted-foreground">{label}</p>
      <p className="text-2xl font-semibold tracking-tight tabular-nums">{value}</p>
      {trend && TrendIcon ? (
        <p className={cn("flex items-center gap-1 text-xs font-medium", SENTIMENT_CLASSES[trend.sentiment ?? "neutral"])}>
          <TrendIcon aria-hidden className="size-3.5" />
          <span className="sr-only">{TREND_WORDS[trend.direction]}</span>
          <span>{trend.value}</span>
          {trend.label ? <span className="font-normal text-muted-foreground">{trend.label}</span> : null}
        </p>
      ) : null}
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}
