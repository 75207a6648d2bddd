import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

/** The accessibility props FormField hands to its control. */
export interface FormFieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
}

type ControlElement = ReactElement<{ id?: string; "aria-describedby"?: string }>;

export interface FormFieldProps {
  label: ReactNode;
  /** Help text under the label; linked to the control with aria-describedby. */
  description?: ReactNode;
  /** The field's error (a zod message or list of messages); marks the control invalid and is announced. */
  error?: string | readonly string[] | null;
  /** Adds aria-required and a visual marker. Still set `required` on the input for native validation. */
  required?: boolean;
  /** Keeps the label for screen readers only, for controls whose purpose is visible from context. */
  hideLabel?: boolean;
  /** "inline" puts the control before its label on one line (checkboxes). */
  layout?: "stacked" | "inline";
  /** Id for the control; defaults to the child's id or a generated one. */
  id?: string;
  className?: string;
  /**
   * The control: either one element (Input, Textarea, NativeSelect,
   * SelectTrigger…) that receives the props, or a function that receives them
   * to spread where they belong.
   */
  children: ControlElement | ((control: FormFieldControlProps) => ReactNode);
}

function errorMessages(error: FormFieldProps["error"]): string[] {
  if (!error) return [];
  return (typeof error === "string" ? [error] : [...error]).filter((message) => message.trim() !== "");
}

/**
 * A labelled form control with description and error. Wires the label's
 * htmlFor, aria-describedby (description and error) and aria-invalid, so
 * every form in the app is announced the same way.
 */
export function FormField({
  label,
  description,
  error,
  required = false,
  hideLabel = false,
  layout = "stacked",
  id,
  className,
  children,
}: FormFieldProps) {
  const generatedId = useId();
  const child = typeof children === "function" ? null : children;
  const controlId = id ?? (isValidElement(child) ? child.props.id : undefined) ?? `field${generatedId}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const messages = errorMessages(error);
  const errorId = messages.length > 0 ? `${controlId}-error` : undefined;

  const ownDescribedBy = isValidElement(child) ? child.props["aria-describedby"] : undefined;
  const describedBy = [ownDescribedBy, descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  const controlProps: FormFieldControlProps = {
    id: controlId,
    "aria-describedby": describedBy,
    "aria-invalid": errorId ? true : undefined,
    "aria-required": required ? true : undefined,
  };

  const control =
    typeof children === "function" ? children(controlProps) : isValidElement(child) ? cloneElement(child, controlProps) : null;

  const labelElement = (
    <Label htmlFor={controlId} className={cn(hideLabel && "sr-only", layout === "inline" && "font-normal")}>
      {label}
      {required ? (
        <span aria-hidden className="text-danger">
          *
        </span>
      ) : null}
    </Label>
  );

  return (
    <div data-slot="form-field" data-invalid={errorId ? "" : undefined} className={cn("grid gap-1.5", className)}>
      {layout === "inline" ? (
        <div className="flex items-center gap-2">
          {control}
          {labelElement}
        </div>
      ) : (
        <>
          {labelElement}
          {control}
        </>
      )}
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {errorId ? (
        <div id={errorId} role="alert" className="text-xs font-medium text-danger">
          {messages.length === 1 ? messages[0] : (
            <ul className="list-inside list-disc">
              {messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
