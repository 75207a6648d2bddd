import { Inngest } from "inngest";

/**
 * The one Inngest client. In development it talks to the Inngest Dev Server
 * (INNGEST_DEV=1, http://localhost:8288); in production to Inngest Cloud or a
 * self-hosted server (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_BASE_URL).
 */
export const inngest = new Inngest({ id: "switchboard" });
