import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A per-checkout NEXTAUTH_SECRET for development, kept in the git-ignored .data folder. */
export function devAuthSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
