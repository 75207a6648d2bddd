import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, and can be told
 * to refuse messages (a 451 temporary failure) to exercise retries. With
 * `saveTo`, each message is also written there as <sequence>.eml, so another
 * process (the e2e specs) can read what was delivered.
 */
export async function startSmtpSink(opts: { saveTo?: string } = {}) {
  if (opts.saveTo) fs.mkdirSync(opts.saveTo, { recursive: true });
  const received: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusing) {
        const err = new Error("Mailbox temporarily unavailable") as Error & { responseCode: number };
        err.responseCode = 451;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        received.push(mail);
        if (opts.saveTo) {
          const name = `${String(received.length).padStart(6, "0")}.eml`;
          // Written whole under a temporary name, then renamed, so a reader never sees half a message.
          fs.writeFileSync(path.join(opts.saveTo, `.${name}`), JSON.stringify(mail));
          fs.renameSync(path.join(opts.saveTo, `.${name}`), path.join(opts.saveTo, name));
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    setRefusing(value: boolean) {
      refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
