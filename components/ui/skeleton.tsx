import { cn } from "@/lib/utils";

/**
 * A pulsing placeholder shaped like the content that is loading. Hidden from
 * screen readers: the loading state is announced by the container (aria-busy)
 * or a Spinner with a label.
 */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div data-slot="skeleton" aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />
  );
}
