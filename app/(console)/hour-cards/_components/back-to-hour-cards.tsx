import Link from "next/link";

/** The "← Hour cards" link above every hour-card sub-page. */
export function BackToHourCards() {
  return (
    <Link href="/hour-cards" className="text-primary underline-offset-2 hover:underline">
      ← Hour cards
    </Link>
  );
}
