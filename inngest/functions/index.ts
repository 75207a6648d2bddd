import { deliverEmail } from "./deliver-email";
import { drainOutbox } from "./drain-outbox";

/** Every Inngest function Switchboard serves at /api/inngest. */
export const functions = [deliverEmail, drainOutbox];
