import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { renderSignInEmail } from "@/server/mail/templates/sign-in-email";
import { generateToken } from "@/server/security/tokens";
import { checkLoginRateLimit } from "@/server/audit/login-rate-limit";
import { createAuthAdapter, type SwitchboardAdapterUser } from "./adapter";
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
  rateLimited: "Too many failed sign-in attempts. Wait a few minutes and try again.",
} as const;

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

  const adapter = createAuthAdapter(db, {
    onBadVerificationToken: async ({ identifier, expired }) =>
      fail(identifier ?? "", expired ? "expired_link" : "invalid_link", null, "magic_link"),
  });

  return {
    adapter,
    secret: process.env.NEXTAUTH_SECRET,
    // Under https the session cookie is __Secure-… and Secure, whichever URL variable says so.
    useSecureCookies: (process.env.NEXTAUTH_URL ?? process.env.APP_URL ?? "").startsWith("https://"),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in/check-email" },
    providers: [
      EmailProvider({
        server: "",
        from: process.env.MAIL_FROM ?? "Switchboard <no-reply@switchboard.local>",
        maxAge: MAGIC_LINK_MAX_AGE_S,
        async sendVerificationRequest({ identifier, url }) {
          const login = identifier.toLowerCase();
          const user = await db.user.findUnique({ where: { email: login } });
          const usable = Boolean(user && !user.disabledAt);
          await reportSignInAttempt({
            kind: "magic_link_request",
            method: "magic_link",
            login,
            userId: user?.id ?? null,
            success: usable,
            reason: !user ? "unknown_user" : user.disabledAt ? "disabled_user" : null,
            context,
          });
          // Unknown or disabled addresses get no mail, and the page says the
          // same thing either way, so nobody can probe which addresses exist.
          if (!usable) return;
          await enqueueEmail(db, { to: login, category: "sign-in", ...renderSignInEmail({ url }) }, { dispatch: true });
        },
      }),
      CredentialsProvider({
        id: "credentials",
        name: "Password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const login = String(credentials?.email ?? "").trim().toLowerCase();
          const password = String(credentials?.password ?? "");
          const user = login ? await db.user.findUnique({ where: { email: login }, include: { memberships: true } }) : null;
          // Before the password check, so a blocked attempt costs no scrypt and learns nothing.
          const limit = await checkLoginRateLimit(db, { login, ip: context.ip });
          if (!limit.allowed) {
            await fail(login, "rate_limited", user?.id ?? null, "password");
            throw new Error(SIGN_IN_ERRORS.rateLimited);
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
          if (user.disabledAt || user.memberships.length === 0) {
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
