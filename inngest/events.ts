import { eventType } from "inngest";
import { z } from "zod";

// Event names are domain/noun.verb; payloads are validated by these schemas.

/** An outbox message is ready to be sent over SMTP. */
export const emailQueued = eventType("mail/email.queued", {
  schema: z.object({ emailId: z.string().min(1) }),
});
