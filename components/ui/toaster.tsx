"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { Toast, ToastAction, ToastClose, ToastDescription, ToastProvider, ToastTitle, ToastViewport } from "./toast";
import { dismissToast, useToast } from "./use-toast";

const DEFAULT_DURATION_MS = 5000;
// Errors stay longer: they usually need reading, and sometimes copying.
const ERROR_DURATION_MS = 10000;

/**
 * Renders the toasts raised with `toast()`. Mount it once, in the root
 * layout. Errors are announced assertively (Radix type="foreground"), other
 * toasts politely; F8 jumps to the toast region.
 */
export function Toaster() {
  const { toasts } = useToast();
  return (
    <ToastProvider swipeDirection="right" label="Notification">
      {toasts.map(({ id, title, description, variant = "default", duration, action, open }) => (
        <Toast
          key={id}
          open={open}
          variant={variant}
          type={variant === "error" ? "foreground" : "background"}
          duration={duration ?? (variant === "error" ? ERROR_DURATION_MS : DEFAULT_DURATION_MS)}
          onOpenChange={(next) => {
            if (!next) dismissToast(id);
          }}
        >
          {variant === "success" ? (
            <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
          ) : variant === "error" ? (
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
          ) : null}
          <div className="grid min-w-0 flex-1 gap-1">
            <ToastTitle>{title}</ToastTitle>
            {description ? <ToastDescription>{description}</ToastDescription> : null}
          </div>
          {action ? (
            <ToastAction altText={action.altText} onClick={action.onClick} className="self-center">
              {action.label}
            </ToastAction>
          ) : null}
          <ToastClose />
        </Toast>
      ))}
      <ToastViewport />
    </ToastProvider>
  );
}
