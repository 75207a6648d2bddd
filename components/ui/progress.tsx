"use client";

import * as ProgressPrimitive from "@radix-ui/react-progress";
import { useId } from "react";
import { cn } from "@/lib/utils";

export interface ProgressProps extends Omit<React.ComponentProps<typeof ProgressPrimitive.Root>, "value" | "max"> {
  /** How much is done, 0…max; null while the total is unknown (shows an indeterminate bar). */
  value: number | null;
  max?: number;
  /** Visible label, also the bar's accessible name: "Migrating timelogs". */
  label: React.ReactNode;
  /**
   * Visible and announced value text; defaults to a percentage. Say what is
   * counted when it helps: "12 of 40 items".
   */
  valueText?: string;
  /** Hide the label and value line (the label stays the accessible name). */
  hideLabel?: boolean;
  tone?: "default" | "success" | "danger";
}

const TONES = { default: "bg-primary", success: "bg-success", danger: "bg-danger" } as const;

/** A progress bar for long work (imports, migrations, invoice runs) with its label and value. */
export function Progress({
  value,
  max = 100,
  label,
  valueText,
  hideLabel = false,
  tone = "default",
  className,
  ...props
}: ProgressProps) {
  const labelId = useId();
  // Nothing to do (0 of 0) counts as done; Radix rejects a max of 0.
  const safeMax = max > 0 ? max : 1;
  const clamped = value === null ? null : max > 0 ? Math.min(Math.max(value, 0), max) : safeMax;
  const percent = clamped === null ? null : Math.round((clamped / safeMax) * 100);
  const text = valueText ?? (percent === null ? "In progress" : `${percent}%`);
  return (
    <div data-slot="progress" className={cn("grid gap-1.5", className)}>
      <div className={cn("flex items-baseline justify-between gap-4 text-sm", hideLabel && "sr-only")}>
        <span id={labelId} className="font-medium">
          {label}
        </span>
        <span aria-hidden className="text-muted-foreground tabular-nums">
          {text}
        </span>
      </div>
      <ProgressPrimitive.Root
        aria-labelledby={labelId}
        value={clamped}
        max={safeMax}
        getValueLabel={() => text}
        className="relative h-2 w-full overflow-hidden rounded-full bg-muted"
        {...props}
      >
        <ProgressPrimitive.Indicator
          className={cn(
            "h-full rounded-full transition-[width] duration-300",
            TONES[tone],
            percent === null && "w-1/3 animate-pulse",
          )}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </ProgressPrimitive.Root>
    </div>
  );
}
