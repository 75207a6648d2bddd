import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import type { VerificationToken } from "next-auth/adapters";
import { generateToken } from "@/server/security/tokens";
import { reservePasswordAttempt } from "@/server/audit/login-rate-limit";
import { isAddressBlocked } from "@/server/people/address-blocks";
import { createAuthAdapter, type SwitchboardAdapterUser } from "./adapter";
import { runInBackground } from "./background-work";
import { handleLinkRequest } from "./link-request";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { RequestContext } from "./request-context";
import type { SessionUser } from "./session-user";
import { reportSignInAttempt, type SignInFailureReason } from "./sign-in-attempt";

const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
const MAGIC_LINK_MAX_AGE_S = 15 * 60;

/** Messages the sign-in form shows; unknown user and bad password read the same on purpose. */
export const SIGN_IN_ERRORS = {
  invalid: "Wrong e-mail or password.",
  disabled: "This account is disabled. Ask your administrator to re-enable it.",
  blocked: "Sign-in from your network is blocked. Contact your administrator.",
} as const;

/** The lock-out message, with the time the person can try again (UTC, as the audit shows times). */
export function rateLimitedMessage(retryAt: Date): string {
  const at = retryAt.toISOString().slice(11, 16);
  return `Too many failed sign-in attempts. Try again after ${at} UTC, or ask your administrator to unlock your account.`;
}

const NO_REQUEST: RequestContext = { ip: "unknown", userAgent: "" };

/**
 * next-auth options for one request. Sessions live in PostgreSQL for both
 * methods: next-auth v4 only writes JWT cookies for credentials sign-ins, so
 * the jwt callback creates a database session and jwt.encode hands its token
 * to the cookie instead of a JWT.
 */
export function buildAuthOptions(context: RequestContext = NO_REQUEST): NextAuthOptions {
  const fail = async (login: string, reason: SignInFailureReason, userId: string | null, method: "password" | "magic_link") =>
    reportSignInAttempt({ kind: "sign_in", method, login, userId, success: false, reason, context });

  // The magic-link token next-auth hands the adapter; the link request stores it only after its checks.
  let giveToken: (token: VerificationToken) => void = () => {};
  const linkToken = new Promise<VerificationToken>((resolve) => (giveToken = resolve));
  const adapter = createAuthAdapter(db, {
    onBadVerificationToken: async ({ identifier, expired }) =>
      fail(identifier ?? "", expired ? "expired_link" : "invalid_link", null, "magic_link"),
    deferVerificationToken: (token) => giveToken(token),
  });

  return {
    adapter,
    secret: appEnv.appSecret(),
    // Under https the session cookie is __Secure-… and Secure, whichever URL variable says so.
    useSecureCookies: appEnv.servedOverHttps(),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in/check-email" },
    providers: [
      EmailProvider({
        server: "",
        from: appEnv.mail().MAIL_FROM,
        maxAge: MAGIC_LINK_MAX_AGE_S,
        async sendVerificationRequest({ identifier, url }) {
          // Everything that depends on the address (lookup, limits, token, mail) runs after
          // the answer, so known and unknown addresses answer alike and at the same speed.
          const login = identifier.toLowerCase();
          runInBackground("auth.link_request", () => handleLinkRequest({ login, url, token: linkToken, context }));
        },
      }),
      CredentialsProvider({
        id: "credentials",
        name: "Password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const login = String(credentials?.email ?? "").trim().toLowerCase();
          const password = String(credentials?.password ?? "");
          const user = login
            ? await db.user.findUnique({ where: { email: login }, include: { memberships: { where: { organisation: { archivedAt: null } } } } })
            : null;
          // Before the password check, so a refused attempt costs no scrypt and learns nothing.
          if (await isAddressBlocked(db, context.ip)) {
            await fail(login, "blocked_address", user?.id ?? null, "password");
            throw new Error(SIGN_IN_ERRORS.blocked);
          }
          const limit = await reservePasswordAttempt(db, { login, ip: context.ip });
          if (!limit.allowed) {
            await fail(login, "rate_limited", user?.id ?? null, "password");
            throw new Error(rateLimitedMessage(limit.retryAt));
          }
          if (!user?.passwordHash) {
            await burnPasswordCheck(password);
            await fail(login, "unknown_user", user?.id ?? null, "password");
            return null;
          }
          if (!(await verifyPassword(password, user.passwordHash))) {
            await fail(login, "bad_password", user.id, "password");
            return null;
          }
          await limit.settle(true);
          if (user.disabledAt || user.deletedAt || user.memberships.length === 0) {
            await fail(login, "disabled_user", user.id, "password");
            throw new Error(SIGN_IN_ERRORS.disabled);
          }
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async signIn({ user, account, email }) {
        // A link request is answered (and audited once) in sendVerificationRequest, alike for every
        // address; refusing unknown ones here would tell them apart and mis-record the request.
        if (email?.verificationRequest) return true;
        if (account?.provider === "email" && (await isAddressBlocked(db, context.ip))) {
          await fail(user.email ?? "", "blocked_address", user.id ?? null, "magic_link");
          return false;
        }
        // Magic-link callbacks reach here with the stored user; refuse disabled ones.
        if (account?.provider === "email" && !("role" in user)) {
          await fail(user.email ?? "", "disabled_user", null, "magic_link");
          return false;
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "credentials" && user) {
          const sessionToken = generateToken();
          await adapter.createSession!({
            sessionToken,
            userId: user.id,
            expires: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
          });
          token.sessionToken = sessionToken;
        }
        return token;
      },
      async session({ session, user }) {
        const u = user as SwitchboardAdapterUser;
        const sessionUser: SessionUser = {
          id: u.id,
          email: u.email,
          name: u.name ?? null,
          role: u.role,
          organisationId: u.organisationId,
          organisationLabel: u.organisationLabel,
          organisationName: u.organisationName,
          organisationKind: u.organisationKind,
        };
        return { ...session, user: sessionUser };
      },
    },
    jwt: {
      encode: async ({ token }) => (typeof token?.sessionToken === "string" ? token.sessionToken : ""),
      decode: async () => null,
    },
    events: {
      async signIn({ user, account }) {
        await reportSignInAttempt({
          kind: "sign_in",
          method: account?.provider === "email" ? "magic_link" : "password",
          login: user.email ?? "",
          userId: user.id,
          success: true,
          reason: null,
          context,
        });
      },
      async signOut({ session }) {
        const userId = (session as { userId?: string } | null)?.userId ?? null;
        const user = userId ? await db.user.findUnique({ where: { id: userId } }) : null;
        await reportSignInAttempt({
          kind: "sign_out",
          method: null,
          login: user?.email ?? "",
          userId,
          success: true,
          reason: null,
          context,
        });
      },
    },
  };
}
