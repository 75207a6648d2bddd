import { handleGetIntakeTicket } from "@/server/helpdesk/intake/intake-http";

export const dynamic = "force-dynamic";

// GET /api/v1/tickets/<number> – one ticket of the key's organisation with its public messages
export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return handleGetIntakeTicket(request, number);
}
