import { appEnv } from "@/server/config-readers";
import { open, seal } from "@/server/security/sealed-box";

const PURPOSE = "outbox-email";

export interface EmailBody {
  text: string;
  html: string | null;
}

function mailKey(): Buffer {
  return appEnv.sealingKey("MAIL_ENCRYPTION_KEY", "mail-encryption-key");
}

/** The body as stored in OutboxEmail.sealedBody: readable only with MAIL_ENCRYPTION_KEY. */
export function sealEmailBody(body: EmailBody): string {
  return seal(JSON.stringify(body), PURPOSE, mailKey());
}

export function openEmailBody(sealed: string): EmailBody {
  return JSON.parse(open(sealed, PURPOSE, mailKey())) as EmailBody;
}
