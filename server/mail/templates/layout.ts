/** Escapes text for safe inclusion in HTML e-mail bodies. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

type EmailTone = "primary" | "danger" | "success";
const toneColour = (tone: EmailTone) => (tone === "danger" ? "#b91c1c" : tone === "success" ? "#15803d" : "#1d4ed8");

/** A primary call-to-action button that survives e-mail clients (table-free, inline styles). */
export function emailButton(label: string, href: string, tone: EmailTone = "primary"): string {
  const colour = toneColour(tone);
  return `<a href="${escapeHtml(href)}" style="display:inline-block;background:${colour};color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:8px;font-size:16px">${escapeHtml(label)}</a>`;
}

/**
 * A status as a coloured label with its word, the e-mail's counterpart of the
 * console's status pills (no emoji: they render differently in every client
 * and say nothing to a screen reader).
 */
export function emailStatusLabel(label: string, tone: EmailTone): string {
  const colour = toneColour(tone);
  return `<span style="display:inline-block;border:1px solid ${colour};color:${colour};font-weight:600;font-size:14px;padding:2px 10px;border-radius:999px">${escapeHtml(label)}</span>`;
}

/** Wraps already-escaped body HTML in the Switchboard branded frame. */
export function brandedEmail({ title, bodyHtml, footer }: { title: string; bodyHtml: string; footer?: string }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827">
<div style="max-width:600px;margin:0 auto;padding:24px">
<div style="font-weight:700;font-size:18px;color:#1d4ed8;margin-bottom:16px">Switchboard</div>
<div style="background:#ffffff;border-radius:12px;padding:24px;border:1px solid #e5e7eb">${bodyHtml}</div>
<p style="font-size:12px;color:#6b7280;margin-top:16px">${escapeHtml(footer ?? "You received this because of an action in Switchboard.")}</p>
</div></body></html>`;
}
