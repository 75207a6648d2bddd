import { redirect } from "next/navigation";

// Billing's customers are the one Customers area now; old links and bookmarks land there.
export default function BillingCustomersPage() {
  redirect("/customers");
}
