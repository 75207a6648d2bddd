import { handleCreateIntakeTicket, handleListIntakeTickets } from "@/server/helpdesk/intake/intake-http";

export const dynamic = "force-dynamic";

// POST /api/v1/tickets – file a ticket for a client's signed-in user
export function POST(request: Request) {
  return handleCreateIntakeTicket(request);
}

// GET /api/v1/tickets?reporter=<email> – list a reporter's tickets in the key's organisation
export function GET(request: Request) {
  return handleListIntakeTickets(request);
}
