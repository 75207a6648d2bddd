import { describe, expect, it } from "vitest";
import { MAX_USER_AGENT_LENGTH, parseUserAgent } from "./user-agent";

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  firefoxUbuntu: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
  chromebook:
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
  pixel:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
  ipad:
    "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  galaxyTab:
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  bingbot: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  baiduspider: "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36",
  playstation: "Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)",
  cubotPhone:
    "Mozilla/5.0 (Linux; Android 10; Cubot Note 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
};

describe("parseUserAgent: browsers", () => {
  it.each([
    ["chromeWindows", "Chrome 120", "Windows 10", "desktop"],
    ["safariMac", "Safari 17", "Mac OS 10.15.7", "desktop"],
    ["firefoxUbuntu", "Firefox 121", "Ubuntu", "desktop"],
    ["edgeWindows", "Edge 120", "Windows 10", "desktop"],
    ["chromebook", "Chrome 120", "Chromium OS 14541.0.0", "desktop"],
    ["iphone", "Mobile Safari 17", "iOS 17.1.2", "mobile"],
    ["pixel", "Chrome 120", "Android 14", "mobile"],
    ["cubotPhone", "Chrome 120", "Android 10", "mobile"],
    ["ipad", "Mobile Safari 17", "iOS 17.1", "tablet"],
    ["galaxyTab", "Chrome 120", "Android 13", "tablet"],
  ] as const)("%s → %s on %s (%s)", (key, browser, os, deviceType) => {
    const parsed = parseUserAgent(UA[key]);
    expect(parsed).toEqual({ raw: UA[key], browser, os, deviceType, isBot: false });
  });

  it("does not call a games console a desktop", () => {
    expect(parseUserAgent(UA.playstation)).toMatchObject({ deviceType: "unknown", isBot: false });
  });
});

describe("parseUserAgent: bots and scripts", () => {
  it.each([
    ["curl/8.4.0", "curl 8"],
    ["Wget/1.21.4", "Wget 1"],
    ["python-requests/2.31.0", "python-requests 2"],
    ["Python-urllib/3.11", "Python-urllib 3"],
    ["Go-http-client/1.1", "Go-http-client 1"],
    ["Java-http-client/17.0.2", "Java-http-client 17"],
    ["okhttp/4.12.0", "okhttp 4"],
    ["node", "Node.js"],
    [UA.googlebot, "Googlebot 2"],
    [UA.bingbot, "bingbot 2"],
    [UA.baiduspider, "Baiduspider 2"],
    ["SuperCrawler/3.1 (+https://example.com)", "SuperCrawler 3"],
    [UA.headless, "Chrome Headless 120"],
  ])("%s is a bot labelled %s", (raw, browser) => {
    expect(parseUserAgent(raw)).toMatchObject({ browser, deviceType: "bot", isBot: true });
  });

  it("keeps the OS of a headless browser", () => {
    expect(parseUserAgent(UA.headless).os).toBe("Linux");
  });
});

describe("parseUserAgent: odd input", () => {
  it.each([[""], ["   "], [null], [undefined]])("treats %j as unknown", (raw) => {
    expect(parseUserAgent(raw)).toEqual({ raw: "", browser: null, os: null, deviceType: "unknown", isBot: false });
  });

  it("gives unknown for an unrecognisable string but keeps it raw", () => {
    expect(parseUserAgent("garbage")).toEqual({
      raw: "garbage",
      browser: null,
      os: null,
      deviceType: "unknown",
      isBot: false,
    });
  });

  it("truncates the raw header to 512 characters", () => {
    const long = `${UA.chromeWindows} ${"x".repeat(2000)}`;
    const parsed = parseUserAgent(long);
    expect(parsed.raw).toHaveLength(MAX_USER_AGENT_LENGTH);
    expect(parsed.raw).toBe(long.slice(0, MAX_USER_AGENT_LENGTH));
    expect(parsed.browser).toBe("Chrome 120");
  });

  it("removes NUL and other control characters, which PostgreSQL text cannot hold", () => {
    expect(parseUserAgent("curl/8.0\u0000\r\n").raw).toBe("curl/8.0");
  });
});
