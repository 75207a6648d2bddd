import UAParser from "ua-parser-js";

export type DeviceType = "desktop" | "mobile" | "tablet" | "bot" | "unknown";

/** What the login audit stores about a User-Agent header. */
export interface ParsedUserAgent {
  /** The header as stored: control characters removed, at most {@link MAX_USER_AGENT_LENGTH} chars. */
  raw: string;
  /** Browser name and major version, e.g. "Chrome 120"; null when not recognised. */
  browser: string | null;
  /** Operating system and version, e.g. "Windows 10"; null when not recognised. */
  os: string | null;
  deviceType: DeviceType;
  isBot: boolean;
}

export const MAX_USER_AGENT_LENGTH = 512;
/** Browser and OS labels are short display strings; cap them like the columns that hold them. */
const MAX_LABEL_LENGTH = 64;

// ua-parser-js v1 has no bot detection, so scripted clients and crawlers are
// recognised here. Order matters: specific tools first, generic keywords last.
const BOT_SIGNATURES: Array<{ pattern: RegExp; label: string }> = [
  { pattern: /\bcurl\/(\d+)/i, label: "curl" },
  { pattern: /\bwget\/(\d+)/i, label: "Wget" },
  { pattern: /\bpython-requests\/(\d+)/i, label: "python-requests" },
  { pattern: /\bpython-urllib\/(\d+)/i, label: "Python-urllib" },
  { pattern: /\bpython-httpx\/(\d+)/i, label: "python-httpx" },
  { pattern: /\baiohttp\/(\d+)/i, label: "aiohttp" },
  { pattern: /\bgo-http-client\/(\d+)/i, label: "Go-http-client" },
  { pattern: /\bjava-http-client\/(\d+)/i, label: "Java-http-client" },
  { pattern: /\bapache-httpclient\/(\d+)/i, label: "Apache-HttpClient" },
  { pattern: /\bokhttp\/(\d+)/i, label: "okhttp" },
  { pattern: /\blibwww-perl\/(\d+)/i, label: "libwww-perl" },
  { pattern: /\bnode-fetch\/(\d+)/i, label: "node-fetch" },
  { pattern: /\baxios\/(\d+)/i, label: "axios" },
  { pattern: /\bundici\b/i, label: "undici" },
  { pattern: /^node$/i, label: "Node.js" },
  { pattern: /\bpostmanruntime\/(\d+)/i, label: "PostmanRuntime" },
  { pattern: /\bheadlesschrome\/(\d+)/i, label: "Chrome Headless" },
  { pattern: /\bphantomjs\/(\d+)/i, label: "PhantomJS" },
  { pattern: /\bheadless\b/i, label: "Headless browser" },
  { pattern: /\bfacebookexternalhit\/(\d+)/i, label: "facebookexternalhit" },
  { pattern: /\bslurp\b/i, label: "Yahoo! Slurp" },
];

// "Googlebot/2.1", "AhrefsBot", "Baiduspider", "SomeCrawler/1.0"; the negative
// lookahead keeps "bottle" or "robotics" in a product token from matching.
const GENERIC_BOT = /\b([a-z][\w.-]*?(?:bot|crawler|spider))(?![a-z0-9_])(?:\/(\d+))?/i;
// Phone brands whose model names end in "bot" and are not crawlers.
const NOT_A_BOT = /^cubot$/i;

const DESKTOP_OS = /^(windows|mac os|macos|linux|ubuntu|debian|fedora|centos|red hat|suse|mint|arch|gentoo|chromium os|chrome os|freebsd|openbsd|netbsd|solaris)/i;

function clean(raw: string | null | undefined): string {
  // PostgreSQL rejects NUL in text columns and other control characters only
  // make the raw value harder to read.
  return (raw ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, MAX_USER_AGENT_LENGTH);
}

function label(name: string | undefined, version: string | undefined): string | null {
  if (!name) return null;
  return (version ? `${name} ${version}` : name).slice(0, MAX_LABEL_LENGTH);
}

function detectBot(ua: string): { label: string } | null {
  for (const { pattern, label: name } of BOT_SIGNATURES) {
    const match = ua.match(pattern);
    if (match) return { label: label(name, match[1]) ?? name };
  }
  const generic = ua.match(GENERIC_BOT);
  if (generic?.[1] && !NOT_A_BOT.test(generic[1])) {
    return { label: label(generic[1], generic[2]) ?? generic[1] };
  }
  return null;
}

function deviceTypeOf(parserType: string | undefined, os: string | undefined, browser: string | undefined): DeviceType {
  if (parserType === "mobile" || parserType === "wearable") return "mobile";
  if (parserType === "tablet") return "tablet";
  // Consoles, smart TVs and embedded devices are neither desktops nor phones.
  if (parserType) return "unknown";
  if (os && DESKTOP_OS.test(os)) return "desktop";
  if (!os && browser) return "desktop";
  return "unknown";
}

/**
 * Parses a User-Agent header for the login audit: browser and OS labels,
 * device type and whether the client is a bot or script (curl, HTTP
 * libraries, headless browsers, crawlers). Never throws; an empty or missing
 * header gives `deviceType: "unknown"` with null labels.
 */
export function parseUserAgent(rawHeader: string | null | undefined): ParsedUserAgent {
  const raw = clean(rawHeader);
  if (!raw) return { raw: "", browser: null, os: null, deviceType: "unknown", isBot: false };

  const result = new UAParser(raw).getResult();
  const browser = label(result.browser.name, result.browser.major);
  const os = label(result.os.name, result.os.version);
  const bot = detectBot(raw);
  if (bot) {
    return { raw, browser: browser ?? bot.label, os, deviceType: "bot", isBot: true };
  }
  return {
    raw,
    browser,
    os,
    deviceType: deviceTypeOf(result.device.type, result.os.name, result.browser.name),
    isBot: false,
  };
}
