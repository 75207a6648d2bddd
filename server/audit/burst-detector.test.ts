import { describe, expect, it } from "vitest";
import { type BurstFailure, MAX_ALERT_ROWS, renderBurstAlertEmail, shouldAlert } from "./burst-detector";

const T0 = new Date("2026-05-26T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * Replays failures one by one the way the sign-in path will: after each
 * failure, ask the detector and remember when an alert went out.
 */
function replay(failureMinutes: number[], options: { enabled?: boolean; cooldownMinutes?: number } = {}) {
  const failures: Date[] = [];
  let lastAlertAt: Date | null = null;
  const alertsAt: number[] = [];
  for (const minute of failureMinutes) {
    failures.push(at(minute));
    const decision = shouldAlert({ failures, now: at(minute), lastAlertAt, enabled: options.enabled ?? true, cooldownMinutes: options.cooldownMinutes });
    if (decision.alert) {
      alertsAt.push(minute);
      lastAlertAt = at(minute);
    }
  }
  return alertsAt;
}

describe("shouldAlert", () => {
  it("fires at the fifth failure within 15 minutes and not before", () => {
    const fourth = shouldAlert({ failures: [at(0), at(1), at(2), at(3)], now: at(3), enabled: true });
    expect(fourth).toEqual({ alert: false, reason: "below_threshold", recentCount: 4 });
    const fifth = shouldAlert({ failures: [at(0), at(1), at(2), at(3), at(4)], now: at(4), enabled: true });
    expect(fifth).toEqual({ alert: true, reason: "threshold_reached", recentCount: 5 });
  });

  it("fires exactly once for a burst within the cooldown", () => {
    expect(replay([0, 1, 2, 3, 4, 5, 6, 7, 20, 30, 45])).toEqual([4]);
  });

  it("reports the cooldown as the reason for staying quiet", () => {
    const failures = [at(0), at(1), at(2), at(3), at(4), at(5)];
    expect(shouldAlert({ failures, now: at(5), lastAlertAt: at(4), enabled: true })).toEqual({
      alert: false,
      reason: "cooldown",
      recentCount: 6,
    });
  });

  it("fires again after the cooldown when a new burst comes", () => {
    expect(replay([0, 1, 2, 3, 4, 70, 71, 72, 73, 74])).toEqual([4, 74]);
  });

  it("does not count failures from before the last alert once the cooldown is over", () => {
    // Window longer than the cooldown: the first burst is still inside it at minute 70.
    const failures = [0, 1, 2, 3, 4].map(at).concat([at(70)]);
    const decision = shouldAlert({
      failures,
      now: at(70),
      lastAlertAt: at(4),
      windowMinutes: 120,
      cooldownMinutes: 60,
      enabled: true,
    });
    expect(decision).toEqual({ alert: false, reason: "below_threshold", recentCount: 6 });
  });

  it("ignores failures older than the window", () => {
    expect(replay([0, 5, 10, 16, 21])).toEqual([]);
    expect(shouldAlert({ failures: [at(0), at(5), at(10), at(16), at(21)], now: at(21), enabled: true }).recentCount).toBe(
      3,
    );
  });

  it("respects custom threshold and window", () => {
    const failures = [at(0), at(20), at(40)];
    expect(shouldAlert({ failures, now: at(40), threshold: 3, windowMinutes: 60, enabled: true }).alert).toBe(true);
    expect(shouldAlert({ failures, now: at(40), threshold: 3, windowMinutes: 30, enabled: true }).alert).toBe(false);
  });

  it("never fires when the kill switch is off", () => {
    expect(replay([0, 1, 2, 3, 4, 5, 6], { enabled: false })).toEqual([]);
    const decision = shouldAlert({ failures: [0, 1, 2, 3, 4].map(at), now: at(4), enabled: false });
    expect(decision).toEqual({ alert: false, reason: "disabled", recentCount: 5 });
  });

  it("counts a failure stamped slightly after now and skips invalid dates", () => {
    const failures = [at(0), at(1), at(2), at(3), at(4.1), new Date("nope")];
    expect(shouldAlert({ failures, now: at(4), enabled: true })).toEqual({
      alert: true,
      reason: "threshold_reached",
      recentCount: 5,
    });
  });
});

const failure = (minute: number, overrides: Partial<BurstFailure> = {}): BurstFailure => ({
  at: at(minute),
  ip: "203.0.113.7",
  country: "GB",
  userAgent: "Chrome 120 on Windows 10",
  reason: "bad_password",
  ...overrides,
});

describe("renderBurstAlertEmail", () => {
  it("names the login and lists the failures newest first", () => {
    const email = renderBurstAlertEmail({
      login: "alice@example.com",
      failures: [failure(0), failure(2, { ip: "198.51.100.2", reason: "unknown_user" }), failure(1)],
      windowMinutes: 15,
      viewUrl: "https://switchboard.example/audit/logins?login=alice%40example.com",
    });
    expect(email.subject).toBe("[Switchboard] 3 failed sign-in attempts for alice@example.com");
    expect(email.text).toContain('recorded for the login "alice@example.com" within 15 minutes');
    const lines = email.text.split("\n").filter((l) => l.startsWith("- "));
    expect(lines).toEqual([
      "- 2026-05-26 12:02:00 UTC | 198.51.100.2 | GB | Unknown user | Chrome 120 on Windows 10",
      "- 2026-05-26 12:01:00 UTC | 203.0.113.7 | GB | Wrong password | Chrome 120 on Windows 10",
      "- 2026-05-26 12:00:00 UTC | 203.0.113.7 | GB | Wrong password | Chrome 120 on Windows 10",
    ]);
    expect(email.html.match(/<tr>/g)).toHaveLength(4); // header + 3 rows
    expect(email.html).toContain('<a href="https://switchboard.example/audit/logins?login=alice%40example.com">');
  });

  it("escapes HTML in every value", () => {
    const email = renderBurstAlertEmail({
      login: '<script>alert("x")</script>',
      failures: [
        failure(0, {
          ip: "<b>ip</b>",
          country: "A&B",
          userAgent: '"><img src=x onerror=alert(1)>',
          reason: "<i>weird</i>",
        }),
      ],
    });
    expect(email.html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(email.html).toContain("A&amp;B");
  });

  it("never includes a password, even if a caller passes one along", () => {
    const secret = "Sup3r-Secret-Pa55!";
    const leaky = { ...failure(0), password: secret, credentials: { password: secret } } as BurstFailure;
    const email = renderBurstAlertEmail({ login: "bob", failures: [leaky, leaky] });
    expect(JSON.stringify(email)).not.toContain(secret);
  });

  it("keeps line breaks out of the subject", () => {
    const email = renderBurstAlertEmail({ login: "eve\r\nBcc: victim@example.com", failures: [failure(0)] });
    expect(email.subject).toBe("[Switchboard] 1 failed sign-in attempt for eve Bcc: victim@example.com");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("ignores a non-http link and caps the table", () => {
    const many = Array.from({ length: MAX_ALERT_ROWS + 7 }, (_, i) => failure(i));
    const email = renderBurstAlertEmail({ login: "carol", failures: many, viewUrl: "javascript:alert(1)" });
    expect(email.html).not.toContain("javascript:");
    expect(email.html.match(/<tr>/g)).toHaveLength(MAX_ALERT_ROWS + 1);
    expect(email.text).toContain("… and 7 earlier attempts.");
    expect(email.subject).toContain(`${MAX_ALERT_ROWS + 7} failed sign-in attempts`);
  });
});
