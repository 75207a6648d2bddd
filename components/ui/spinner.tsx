import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils";

const SIZES = { sm: "size-3.5", default: "size-4", lg: "size-6" } as const;

export interface SpinnerProps extends Omit<React.ComponentProps<"span">, "children"> {
  size?: keyof typeof SIZES;
  /**
   * Announced to screen readers ("Loading tickets"). Without it the spinner is
   * decorative: use that inside something that already says it is busy
   * (a Button with `loading`, a table with aria-busy).
   */
  label?: string;
}

/** A rotating loading indicator. */
export function Spinner({ size = "default", label, className, ...props }: SpinnerProps) {
  return (
    <span
      data-slot="spinner"
      role={label ? "status" : undefined}
      aria-hidden={label ? undefined : true}
      className={cn("inline-flex shrink-0 items-center justify-center", className)}
      {...props}
    >
      <LoaderCircle aria-hidden className={cn("animate-spin", SIZES[size])} />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
