import { checkLoginBursts } from "./check-login-bursts";
import { checkSlaBreaches } from "./check-sla-breaches";
import { deliverEmail } from "./deliver-email";
import { drainOutbox } from "./drain-outbox";
import { enrichLoginGeo } from "./enrich-login-geo";
import { purgeLoginEvents } from "./purge-login-events";
import { sendApprovalReminders } from "./send-approval-reminders";

/** Every Inngest function Switchboard serves at /api/inngest. */
export const functions = [deliverEmail, drainOutbox, enrichLoginGeo, checkLoginBursts, purgeLoginEvents, checkSlaBreaches, sendApprovalReminders];
