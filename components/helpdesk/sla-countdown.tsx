"use client";

import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/utils";

/** "in 2 h 5 min" / "3 h 10 min ago" from a number of milliseconds. */
export function describeDistance(ms: number): string {
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = days > 0 ? [`${days} d`, hours ? `${hours} h` : ""] : hours > 0 ? [`${hours} h`, mins ? `${mins} min` : ""] : [`${mins} min`];
  const text = parts.filter(Boolean).join(" ");
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** A deadline that counts down live (wall-clock time; the deadline itself is in business time). */
export function SlaCountdown({ dueAt }: { dueAt: Date | string }) {
  const due = new Date(dueAt).getTime();
  const [now, setNow] = useState<number | null>(null);
  // The clock starts after hydration (server and browser would disagree on "now").
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const overdue = now !== null && now > due;
  return (
    <span className={overdue ? "font-medium text-danger" : undefined}>
      <time dateTime={new Date(due).toISOString()}>{formatDateTime(due)}</time>
      {now !== null ? <span className="block text-xs">{overdue ? `overdue, due ${describeDistance(due - now)}` : `due ${describeDistance(due - now)}`}</span> : null}
    </span>
  );
}
