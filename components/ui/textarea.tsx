import { cn } from "@/lib/utils";
import { controlClassName } from "./input";

/** A styled multi-line text input that grows with its content where the browser supports it. */
export function Textarea({ className, rows = 4, ...props }: React.ComponentProps<"textarea">) {
  return (
    <textarea
      data-slot="textarea"
      rows={rows}
      className={cn(controlClassName, "field-sizing-content min-h-20 py-2", className)}
      {...props}
    />
  );
}
