import nodemailer, { type Transporter } from "nodemailer";

let cached: { url: string; transport: Transporter } | null = null;

/** One pooled nodemailer transport per SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS). */
export function getSmtpTransport(smtpUrl: string): Transporter {
  if (cached?.url === smtpUrl) return cached.transport;
  const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, socketTimeout: 20_000 } as never);
  cached = { url: smtpUrl, transport };
  return transport;
}
