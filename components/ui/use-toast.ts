"use client";

import { useSyncExternalStore, type ReactNode } from "react";

export type ToastVariant = "default" | "success" | "error";

/** What a toast says. Keep it short: a toast disappears on its own. */
export interface ToastOptions {
  title: ReactNode;
  description?: ReactNode;
  variant?: ToastVariant;
  /** Milliseconds before it closes; errors default to longer than confirmations. */
  duration?: number;
  /** One follow-up action, e.g. "Undo". `altText` tells screen reader users how else to do it. */
  action?: { label: string; altText: string; onClick: () => void };
}

/** A toast in the queue. */
export interface ToastItem extends ToastOptions {
  id: string;
  open: boolean;
}

/** More than this and the oldest make room; a wall of toasts helps nobody. */
// One at a time: a newer toast replaces the older, so feedback never stacks over the page.
const TOAST_LIMIT = 1;
/** Kept after closing so Radix can finish its close before the item goes. */
const REMOVE_DELAY_MS = 1000;

let toasts: ToastItem[] = [];
let counter = 0;
const listeners = new Set<() => void>();
const EMPTY: ToastItem[] = [];

function emit(next: ToastItem[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Closes one toast, or all of them when called without an id. */
export function dismissToast(id?: string): void {
  emit(toasts.map((item) => (id === undefined || item.id === id ? { ...item, open: false } : item)));
  setTimeout(() => {
    emit(toasts.filter((item) => item.open || (id !== undefined && item.id !== id)));
  }, REMOVE_DELAY_MS);
}

function showToast(options: ToastOptions): { id: string; dismiss: () => void } {
  counter += 1;
  const id = `toast-${counter}`;
  emit([{ ...options, id, open: true }, ...toasts].slice(0, TOAST_LIMIT));
  return { id, dismiss: () => dismissToast(id) };
}

/**
 * Shows a toast from anywhere in client code (event handlers, mutation
 * callbacks). Needs one <Toaster /> mounted in the layout.
 *
 *   toast({ title: "Ticket closed" })
 *   toast.success("Saved")
 *   toast.error("Could not reach Vtiger", "Check the connection settings.")
 */
export const toast = Object.assign(showToast, {
  success: (title: ReactNode, description?: ReactNode) => showToast({ title, description, variant: "success" }),
  error: (title: ReactNode, description?: ReactNode) => showToast({ title, description, variant: "error" }),
  dismiss: dismissToast,
});

/** The current toasts plus the functions to add and close them. */
export function useToast(): { toasts: ToastItem[]; toast: typeof toast; dismiss: typeof dismissToast } {
  const current = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => EMPTY,
  );
  return { toasts: current, toast, dismiss: dismissToast };
}
