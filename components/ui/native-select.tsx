import { ChevronDown } from "lucide-react";
import { cn } from "@/lib/utils";
import { controlClassName } from "./input";

export interface NativeSelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface NativeSelectProps extends React.ComponentProps<"select"> {
  /** Options to render; or pass <option> children yourself. */
  options?: readonly NativeSelectOption[];
  /** A first, empty option ("Choose a team…"); selecting it yields "". */
  placeholder?: string;
}

/**
 * A styled browser <select>: works without JavaScript, inside plain <form>s and
 * server actions, and uses the phone's own picker on mobile. Prefer it for
 * simple forms; use Select when options need rich content.
 */
export function NativeSelect({ className, options, placeholder, children, ...props }: NativeSelectProps) {
  return (
    <div data-slot="native-select" className={cn("relative w-full", className)}>
      <select className={cn(controlClassName, "h-9 appearance-none py-1 pr-9")} {...props}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
