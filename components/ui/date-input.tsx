"use client";

import { CalendarDays } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { formatDateOnly, parseDateOnly } from "@/lib/date-only";
import { cn } from "@/lib/utils";
import { Input } from "./input";

export interface DateInputProps extends Omit<React.ComponentProps<"input">, "type" | "value" | "defaultValue" | "onChange"> {
  /** The date as "2026-12-05", or "" for none (controlled). */
  value?: string;
  /** The first date when uncontrolled ("2026-12-05"). */
  defaultValue?: string;
  /** Called with "2026-12-05", or "" when cleared, once the text is a date. */
  onValueChange?: (isoDate: string) => void;
}

const INVALID = "Enter a date like 5 Dec 2026";

/**
 * A date field that shows the app's one date format ("5 Dec 2026") instead of
 * the browser's (mm/dd/yyyy in en-US Chromium). People type a date or open
 * the browser's own calendar with the button; forms receive "2026-12-05"
 * (the hidden input under `name`, or onValueChange). Unreadable text keeps
 * the last date and marks the field invalid, so a form cannot submit it.
 */
export function DateInput({ value, defaultValue = "", onValueChange, name, className, onBlur, required, disabled, min, max, ...props }: DateInputProps) {
  const [own, setOwn] = useState(defaultValue);
  const iso = value ?? own;
  const [text, setText] = useState(() => formatDateOnly(iso));
  const [invalid, setInvalid] = useState(false);
  const textRef = useRef<HTMLInputElement>(null);
  const pickerRef = useRef<HTMLInputElement>(null);

  // A new value from outside (a reset, the picker) replaces what is shown; typing that led to it does not.
  const [shownFor, setShownFor] = useState(iso);
  if (shownFor !== iso) {
    setShownFor(iso);
    if (parseDateOnly(text) !== iso) {
      setText(formatDateOnly(iso));
      setInvalid(false);
    }
  }

  useEffect(() => textRef.current?.setCustomValidity(invalid ? INVALID : ""), [invalid]);

  function commit(next: string) {
    if (value === undefined) setOwn(next);
    if (next !== iso) onValueChange?.(next);
  }

  function type(nextText: string) {
    setText(nextText);
    if (nextText.trim() === "") {
      setInvalid(false);
      commit("");
      return;
    }
    const parsed = parseDateOnly(nextText);
    setInvalid(parsed === null);
    if (parsed) commit(parsed);
  }

  return (
    <div className="relative w-full min-w-0">
      <Input
        {...props}
        ref={textRef}
        type="text"
        inputMode="text"
        autoComplete="off"
        placeholder={props.placeholder ?? "e.g. 5 Dec 2026"}
        value={text}
        required={required}
        disabled={disabled}
        aria-invalid={props["aria-invalid"] ?? (invalid ? true : undefined)}
        title={invalid ? INVALID : undefined}
        onChange={(e) => type(e.target.value)}
        onBlur={(e) => {
          // Tidy what was typed into the one format once the person moves on.
          if (!invalid && iso) setText(formatDateOnly(iso));
          onBlur?.(e);
        }}
        className={cn("pr-9", className)}
      />
      <button
        type="button"
        disabled={disabled}
        aria-label="Choose a date from a calendar"
        title="Choose a date"
        onClick={() => {
          const picker = pickerRef.current;
          if (!picker) return;
          try {
            picker.showPicker();
          } catch {
            textRef.current?.focus(); // no picker in this browser: typing still works
          }
        }}
        className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring disabled:pointer-events-none"
      >
        <CalendarDays className="size-4" aria-hidden />
      </button>
      {/* The browser's calendar, opened by the button; never shown or focused itself. */}
      <input
        ref={pickerRef}
        type="date"
        tabIndex={-1}
        aria-hidden
        value={iso}
        min={min}
        max={max}
        onChange={(e) => type(formatDateOnly(e.target.value))}
        className="pointer-events-none absolute bottom-0 left-0 h-px w-px opacity-0"
      />
      {name ? <input type="hidden" name={name} value={iso} /> : null}
    </div>
  );
}
