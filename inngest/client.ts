import { Inngest } from "inngest";
import { CronRunMiddleware } from "./cron-run-middleware";

/**
 * The one Inngest client. In development it talks to the Inngest Dev Server
 * (INNGEST_DEV=1, http://localhost:8288); in production to Inngest Cloud or a
 * self-hosted server (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_BASE_URL).
 */
export const inngest = new Inngest({ id: "switchboard", middleware: [CronRunMiddleware] });
