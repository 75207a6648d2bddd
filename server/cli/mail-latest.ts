// npm run mail:latest -- <address>: prints the newest e-mail queued for an
// address with its links intact, so a developer can sign in by magic link
// without SMTP. The outbox keeps bodies sealed and the Outbox page shows them
// masked; this opens the seal, and refuses to run in production.
import { resolveDatabaseUrl } from "./lib/database-url";
import { devAuthSecret } from "./lib/dev-secret";

const to = (process.argv[2] ?? "").trim().toLowerCase();
if (process.env.NODE_ENV === "production") {
  console.error("mail:latest reads sealed e-mail bodies and is for development only (NODE_ENV=production).");
  process.exit(1);
}
if (!to) {
  console.error("usage: npm run mail:latest -- <e-mail address>");
  process.exit(2);
}
process.env.NEXTAUTH_SECRET ??= devAuthSecret();
const server = await resolveDatabaseUrl();
process.env.DATABASE_URL = server.url;
const { db } = await import("../db");
const { openEmailBody } = await import("../mail/sealed-email-body");
try {
  const row = await db.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
  if (!row) console.log(`No e-mail to ${to} in the outbox.`);
  else if (!row.sealedBody) console.log(`The newest e-mail to ${to} ("${row.subject}") was already sent or has expired; its body is gone.`);
  else {
    const body = openEmailBody(row.sealedBody);
    console.log(`To: ${row.to}\nSubject: ${row.subject}\nQueued: ${row.createdAt.toISOString()}\n\n${body.text}`);
  }
} finally {
  await db.$disconnect();
  await server.stop();
}
