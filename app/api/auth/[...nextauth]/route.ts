import NextAuth from "next-auth";
import { buildAuthOptions } from "@/server/auth/options";
import { requestContextFromHeaders } from "@/server/auth/request-context";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// GET/POST /api/auth/* – next-auth: magic-link and password sign-in, session, sign-out
async function handler(req: Request, context: RouteContext) {
  return NextAuth(req as never, context as never, buildAuthOptions(requestContextFromHeaders(req.headers)));
}

export { handler as GET, handler as POST };
