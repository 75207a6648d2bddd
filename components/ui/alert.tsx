import { cva } from "class-variance-authority";
import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

const alertVariants = cva("relative flex gap-3 rounded-lg border px-4 py-3 text-sm", {
  variants: {
    variant: {
      info: "border-info/25 bg-info-subtle text-info-subtle-foreground",
      success: "border-success/25 bg-success-subtle text-success-subtle-foreground",
      warning: "border-warning/25 bg-warning-subtle text-warning-subtle-foreground",
      danger: "border-danger/25 bg-danger-subtle text-danger-subtle-foreground",
    },
  },
  defaultVariants: { variant: "info" },
});

const ICONS: Record<AlertVariant, LucideIcon> = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  danger: CircleAlert,
};

export type AlertVariant = "info" | "success" | "warning" | "danger";

export interface AlertProps extends Omit<React.ComponentProps<"div">, "title"> {
  variant?: AlertVariant;
  title?: React.ReactNode;
  /** A button or link at the end ("Retry", "Open settings"). */
  action?: React.ReactNode;
  /** Replace the variant's icon; `null` for none. */
  icon?: LucideIcon | null;
}

/**
 * An inline callout. "danger" gets role="alert" so a screen reader announces
 * it when it appears; the others are static text. Override with `role`.
 */
export function Alert({ variant = "info", title, action, icon, className, children, role, ...props }: AlertProps) {
  const Icon = icon === null ? null : (icon ?? ICONS[variant]);
  return (
    <div
      data-slot="alert"
      data-variant={variant}
      role={role ?? (variant === "danger" ? "alert" : undefined)}
      className={cn(alertVariants({ variant }), className)}
      {...props}
    >
      {Icon ? <Icon aria-hidden className="mt-0.5 size-4 shrink-0" /> : null}
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="leading-tight font-medium">{title}</p> : null}
        {children ? <div className="[&_a]:font-medium [&_a]:underline">{children}</div> : null}
      </div>
      {action ? <div className="shrink-0 self-center">{action}</div> : null}
    </div>
  );
}
