import { cn } from "@/lib/utils";

/**
 * Classes shared by every text-like control (input, textarea, native select)
 * so they line up and show the same invalid state.
 */
export const controlClassName = cn(
  "w-full min-w-0 rounded-md border border-input bg-background px-3 text-sm text-foreground shadow-xs",
  "transition-colors placeholder:text-muted-foreground",
  "disabled:cursor-not-allowed disabled:bg-muted disabled:opacity-60",
  "aria-invalid:border-danger aria-invalid:outline-danger",
);

/** A styled text input. Pass `aria-invalid` (FormField does) to show the error state. */
export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return (
    <input
      data-slot="input"
      type={type}
      className={cn(
        controlClassName,
        "h-9 py-1",
        "file:mr-3 file:h-full file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
        className,
      )}
      {...props}
    />
  );
}
