import { expireHourCards } from "@/server/hour-cards/expire-cards";
import { inngest } from "../client";

/** Hourly: writes the expiry transaction of every hour card past its expiry date. */
export const expireHourCardsHourly = inngest.createFunction(
  { id: "expire-hour-cards", triggers: [{ cron: "TZ=UTC 5 * * * *" }] },
  async ({ step }) => step.run("expire-cards", () => expireHourCards()),
);
