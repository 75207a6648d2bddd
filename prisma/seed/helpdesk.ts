import crypto from "node:crypto";
import { DEFAULT_SLA_SETTINGS } from "../../lib/helpdesk/sla-config";
import type { TicketPriority } from "../../lib/helpdesk/ticket-priorities";
import type { TicketStatus } from "../../lib/helpdesk/ticket-statuses";
import type { TicketType } from "../../lib/helpdesk/ticket-types";
import { TICKET_NUMBER_ALPHABET } from "../../lib/helpdesk/ticket-number-format";
import type { Db } from "../../server/db";
import { createTicketInTx } from "../../server/helpdesk/create-ticket";
import { addTicketMessage, type MessageAuthor } from "../../server/helpdesk/post-message";
import { runSlaSweep } from "../../server/helpdesk/sla-sweep";
import { saveSlaSettings } from "../../server/helpdesk/sla-settings";
import { unsafeUpdateTicket } from "../../server/helpdesk/update-ticket";

const HOUR = 3_600_000;

const TEAMS = [
  { name: "Support", description: "First line: questions, configuration, accounts" },
  { name: "Field ops", description: "Installations, site visits, equipment swaps" },
  { name: "Network ops", description: "Outages, packet loss, routing" },
  { name: "Billing", description: "Invoices, refunds, plan changes" },
  { name: "Onboarding", description: "New customers and their first weeks" },
] as const;
type TeamName = (typeof TEAMS)[number]["name"];

type Step =
  | { h: number; reply: string }
  | { h: number; note: string }
  | { h: number; customer: string; by?: "reporter" | "link" }
  | { h: number; status: TicketStatus };

interface DemoTicket {
  org: "ENTECH" | "NORTHWIND";
  reporter: [name: string, email: string];
  subject: string;
  description: string;
  type: TicketType;
  priority: TicketPriority;
  team?: TeamName;
  assigned?: boolean;
  /** Hours ago it was filed. */
  h: number;
  channel?: "console" | "inbox" | "api";
  serviceAddress?: string;
  services?: string[];
  serials?: string[];
  tags?: string[];
  steps?: Step[];
}

const ELI: [string, string] = ["Eli Entech", "user@entech.example"];
const ERIN: [string, string] = ["Erin Entech", "admin@entech.example"];
const PRIYA: [string, string] = ["Priya Shah", "priya.shah@entech.example"];
const TOM: [string, string] = ["Tom Becker", "tom.becker@entech.example"];
const NED: [string, string] = ["Ned Northwind", "user@northwind.example"];
const NORA: [string, string] = ["Nora Northwind", "admin@northwind.example"];
const LENA: [string, string] = ["Dr. Lena Ortiz", "lena.ortiz@northwind.example"];
const DESK: [string, string] = ["Front desk", "frontdesk@northwind.example"];

const TICKETS: DemoTicket[] = [
  // ── Entech ──
  { org: "ENTECH", reporter: ELI, subject: "VPN drops every 20 minutes", description: "Since Monday the office VPN disconnects roughly every 20 minutes and I have to log in again. Other colleagues see the same.", type: "connectivity_issue", priority: "high", team: "Network ops", assigned: true, h: 30, channel: "inbox", services: ["vpn"], steps: [
    { h: 29, reply: "Thanks Eli. We see session resets on the Entech concentrator and are looking at the keep-alive settings." },
    { h: 28.5, note: "Keep-alive on the ASA is 10 min; the client profile says 30. Probably a mismatch after last week's firmware." },
    { h: 6, reply: "We aligned the keep-alive timers. Could you tell us whether the drops are gone after reconnecting once?" },
  ] },
  { org: "ENTECH", reporter: ELI, subject: "Invoice for October shows two internet lines", description: "The October invoice has two 500 Mbit lines, we only have one.", type: "billing_issue", priority: "normal", team: "Billing", h: 75, channel: "inbox", steps: [
    { h: 70, reply: "You are right: the old line was not ended after the upgrade. A credit note is on its way." },
    { h: 68, customer: "Great, thank you!" },
    { h: 67, status: "resolved" },
  ] },
  { org: "ENTECH", reporter: ERIN, subject: "Add five seats to the VoIP plan", description: "We hire five people next month. Please add five VoIP seats from the 1st.", type: "service_upgrade", priority: "low", team: "Billing", h: 120, channel: "inbox", services: ["voip"], steps: [
    { h: 100, reply: "Happy to. Do the new seats need direct-dial numbers or extensions only?" },
    { h: 100, status: "waiting_on_customer" },
  ] },
  { org: "ENTECH", reporter: PRIYA, subject: "Printer on floor 2 cannot reach the scan server", description: "Scan-to-folder fails with 'server unreachable' on the Ricoh on floor 2.", type: "technical_support", priority: "normal", team: "Support", assigned: true, h: 50, services: ["lan"], serials: ["RIC-7731-220"], steps: [
    { h: 49, reply: "Could you send a photo of the error and the printer's network settings page?" },
    { h: 49, status: "waiting_on_customer" },
    { h: 26, customer: "Photo attached in the next mail; IP is 10.2.0.44, gateway 10.2.0.1.", by: "link" },
    { h: 25, note: "SMB1 disabled on the new file server; the Ricoh only does SMB1. Enable SMB2 on the printer." },
  ] },
  { org: "ENTECH", reporter: TOM, subject: "Fibre down at the warehouse", description: "No internet at the Dock Road warehouse since 07:40. ONT shows a red LOS light.", type: "outage_report", priority: "urgent", team: "Network ops", h: 52, channel: "api", serviceAddress: "12 Dock Road, Port Melbourne", services: ["internet", "voip"], serials: ["ONT-88213-A"], tags: ["fibre", "warehouse"] },
  { org: "ENTECH", reporter: TOM, subject: "New site: install at Harbour St office", description: "We move into 3 Harbour St on the 14th. Need internet, VoIP and Wi-Fi installed before then.", type: "installation_request", priority: "high", team: "Field ops", assigned: true, h: 200, serviceAddress: "3 Harbour St, Docklands", services: ["internet", "voip", "wifi"], tags: ["move"], steps: [
    { h: 190, reply: "Booked: technician on the 12th between 8 and 12. Please make sure the comms room is open." },
    { h: 185, customer: "Confirmed, reception has the key." },
    { h: 40, reply: "Installation done and tested: 1 Gbit line, 12 VoIP handsets, 4 access points." },
    { h: 39, status: "resolved" },
    { h: 2, status: "closed" },
  ] },
  { org: "ENTECH", reporter: ELI, subject: "Wi-Fi slow in the meeting rooms", description: "Speed tests in meeting rooms 3 and 4 show 5 Mbit/s; elsewhere 300.", type: "speed_issue", priority: "normal", team: "Support", h: 10, channel: "inbox", services: ["wifi"] },
  { org: "ENTECH", reporter: PRIYA, subject: "How do I reset my voicemail PIN?", description: "I forgot my voicemail PIN. Can I reset it myself?", type: "general_inquiry", priority: "low", team: "Support", h: 300, steps: [
    { h: 298, reply: "Yes: dial *98, choose option 4, then follow the prompts. Your new PIN works at once." },
    { h: 297, status: "resolved" },
    { h: 200, status: "closed" },
  ] },
  { org: "ENTECH", reporter: ERIN, subject: "Cancel the old ADSL line at Smith St", description: "The Smith St office closed; please cancel its ADSL line at the end of the month.", type: "cancellation_request", priority: "normal", team: "Billing", assigned: true, h: 20, channel: "inbox", serviceAddress: "88 Smith St, Collingwood", steps: [
    { h: 19, note: "Contract ends 30 Nov, no early-exit fee. Check the router is returned." },
  ] },
  { org: "ENTECH", reporter: TOM, subject: "Router at reception keeps rebooting", description: "The router at reception restarts several times a day, dropping all calls.", type: "equipment_issue", priority: "high", team: "Field ops", h: 4, serials: ["RTR-44120-X"], services: ["internet", "voip"] },
  { org: "ENTECH", reporter: PRIYA, subject: "Packet loss to the accounting SaaS", description: "Accounting's cloud app times out; traceroute shows loss after the second hop.", type: "network_issue", priority: "high", team: "Network ops", assigned: true, h: 8, steps: [
    { h: 7.5, reply: "We see 4 % loss on the upstream link and opened a case with the carrier." },
    { h: 7, note: "Carrier ticket #CR-55812. Reroute via the backup path if not fixed in 2 h." },
  ] },
  { org: "ENTECH", reporter: ELI, subject: "Need a second monitor for the new starter", description: "Can we order a second 27\" monitor for Sam who starts Monday?", type: "general_inquiry", priority: "low", h: 1, channel: "inbox" },
  { org: "ENTECH", reporter: ERIN, subject: "Move to the 1 Gbit plan", description: "Please quote the 1 Gbit plan for our main office.", type: "service_upgrade", priority: "normal", team: "Billing", h: 240, steps: [
    { h: 230, reply: "Quote sent by e-mail: same contract end date, +$90/month." },
    { h: 229, status: "waiting_on_customer" },
    { h: 150, customer: "Approved, please go ahead." },
    { h: 120, reply: "Upgrade done this morning. You should see the new speed now." },
    { h: 119, status: "resolved" },
  ] },
  { org: "ENTECH", reporter: TOM, subject: "Speed below plan at the warehouse", description: "We pay for 500 Mbit; speed tests show 180 at the warehouse.", type: "speed_issue", priority: "normal", team: "Network ops", h: 60, serviceAddress: "12 Dock Road, Port Melbourne", steps: [
    { h: 58, reply: "The line syncs at 500; the warehouse switch port is set to 100 Mbit half duplex. A technician will fix it on Thursday." },
    { h: 58, status: "in_progress" },
  ] },
  { org: "ENTECH", reporter: PRIYA, subject: "Email to a customer bounces", description: "Mail to one customer bounces with 550 5.7.1; everyone else works.", type: "technical_support", priority: "normal", team: "Support", h: 3 },
  { org: "ENTECH", reporter: ELI, subject: "Desk phone shows 'No service'", description: "My desk phone (ext. 214) shows No service since this morning.", type: "equipment_issue", priority: "high", team: "Support", assigned: true, h: 2, channel: "inbox", serials: ["YEA-T46U-2214"], steps: [
    { h: 1.5, reply: "Your handset lost its provisioning after the power cut. Please unplug it for 10 seconds; we pushed the config again." },
  ] },

  // ── Northwind ──
  { org: "NORTHWIND", reporter: NED, subject: "Practice software cannot reach the imaging server", description: "The X-ray viewer says the imaging server is offline, on all PCs.", type: "technical_support", priority: "urgent", team: "Support", assigned: true, h: 26, channel: "inbox", steps: [
    { h: 25.5, reply: "We are on it: the imaging server rebooted for updates and its service did not start. Starting it now." },
    { h: 25, reply: "The service is running again. Could you check from one of the surgery PCs?" },
    { h: 25, status: "waiting_on_customer" },
  ] },
  { org: "NORTHWIND", reporter: NORA, subject: "Add a phone line for the new surgery", description: "We open a third surgery in two weeks. Please add a phone line and a handset.", type: "installation_request", priority: "normal", team: "Field ops", h: 96, serviceAddress: "40 Garden Rd, Northwind", services: ["voip"], steps: [
    { h: 90, reply: "Scheduled for next Tuesday morning. The handset ships this week." },
  ] },
  { org: "NORTHWIND", reporter: LENA, subject: "Internet outage at the clinic", description: "No internet at the clinic. Patient booking is down.", type: "outage_report", priority: "urgent", team: "Network ops", h: 30, serviceAddress: "40 Garden Rd, Northwind", services: ["internet"], tags: ["clinic"] },
  { org: "NORTHWIND", reporter: DESK, subject: "Reception printer jams constantly", description: "The reception printer jams on every second page.", type: "equipment_issue", priority: "low", team: "Support", h: 140, serials: ["HP-M404-99812"], steps: [
    { h: 130, reply: "The fuser is worn out; we ordered a replacement and will swap it on Friday." },
    { h: 100, reply: "Fuser replaced and 50 test pages printed without a jam." },
    { h: 99, status: "resolved" },
  ] },
  { org: "NORTHWIND", reporter: NED, subject: "Why did our bill go up?", description: "This month's invoice is $40 higher. What changed?", type: "billing_issue", priority: "normal", team: "Billing", h: 45, channel: "inbox", steps: [
    { h: 44, reply: "The annual price review added $40/month from 1 November; the letter went out in September. Happy to review your plan if it no longer fits." },
  ] },
  { org: "NORTHWIND", reporter: NORA, subject: "Downgrade the backup line", description: "We no longer need the 100 Mbit backup line at full speed. What cheaper options are there?", type: "service_downgrade", priority: "low", team: "Billing", h: 400, steps: [
    { h: 390, reply: "The 25 Mbit backup costs $30 less. Shall we switch at the next billing cycle?" },
    { h: 380, customer: "Yes please." },
    { h: 370, status: "resolved" },
    { h: 250, status: "closed" },
  ] },
  { org: "NORTHWIND", reporter: LENA, subject: "Wi-Fi for patients in the waiting room", description: "Could we offer a guest Wi-Fi in the waiting room, separate from the clinic network?", type: "general_inquiry", priority: "low", team: "Support", h: 12 },
  { org: "NORTHWIND", reporter: NED, subject: "Calls drop after 30 seconds", description: "Outgoing calls to mobiles drop after about 30 seconds.", type: "connectivity_issue", priority: "high", team: "Network ops", h: 5, channel: "inbox", services: ["voip"] },
  { org: "NORTHWIND", reporter: DESK, subject: "Cancel the fax line", description: "Nobody uses the fax any more. Please cancel the fax number.", type: "cancellation_request", priority: "low", h: 70, steps: [
    { h: 68, note: "Fax number is on the legacy PSTN bundle; cancelling it changes the bundle price. Check with billing first." },
  ] },
];

/** A stable, valid ticket number for demo ticket `i`, so re-seeding finds it. */
function demoNumber(i: number): string {
  const bytes = crypto.createHash("sha256").update(`switchboard-demo-ticket-${i}`).digest();
  let out = "TCK-";
  for (let k = 0; k < 12; k++) out += TICKET_NUMBER_ALPHABET[bytes[k]! & 31];
  return out;
}

/**
 * Helpdesk demo data: teams, the default SLA settings (so the settings page
 * shows real rows), and two dozen tickets across Entech and Northwind with
 * replies, internal notes, waits on the customer, resolutions and a few SLA
 * breaches (urgent outages nobody answered). Times are relative to now.
 * Idempotent: teams by name, settings once, tickets by fixed numbers.
 */
export async function seedHelpdesk(db: Db): Promise<void> {
  const teamIds = new Map<string, string>();
  for (const t of TEAMS) {
    const row = await db.team.upsert({ where: { name: t.name }, update: {}, create: t });
    teamIds.set(t.name, row.id);
  }
  if (!(await db.helpdeskSettings.findUnique({ where: { id: "default" } }))) {
    await saveSlaSettings(db, DEFAULT_SLA_SETTINGS, null);
  }
  const orgs = await db.organisation.findMany({ where: { label: { in: ["ENTECH", "NORTHWIND"] } } });
  const orgId = new Map(orgs.map((o) => [o.label, o.id]));
  const agent = await db.user.findUnique({ where: { email: "agent@switchboard.local" } });
  const admin = await db.user.findUnique({ where: { email: "admin@switchboard.local" } });
  if (!agent || !admin || orgId.size < 2) return;
  const users = new Map((await db.user.findMany({ where: { email: { in: [ELI[1], ERIN[1], NED[1], NORA[1]] } } })).map((u) => [u.email, u.id]));

  const numbers = TICKETS.map((_, i) => demoNumber(i));
  const existing = new Set((await db.ticket.findMany({ where: { number: { in: numbers } }, select: { number: true } })).map((t) => t.number));
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const agentAuthor: MessageAuthor = { kind: "agent", userId: agent.id, name: agent.name ?? "Sam Agent", email: agent.email };
  const created: string[] = [];

  for (const [i, t] of TICKETS.entries()) {
    if (existing.has(numbers[i]!)) continue;
    const organisationId = orgId.get(t.org)!;
    const reporterUserId = users.get(t.reporter[1]) ?? null;
    const channel = t.channel ?? "console";
    await db.$transaction(
      async (tx) => {
        const ticket = await createTicketInTx(tx, {
          number: numbers[i],
          organisationId,
          subject: t.subject,
          description: t.description,
          type: t.type,
          priority: t.priority,
          reporterName: t.reporter[0],
          reporterEmail: t.reporter[1],
          reporterUserId,
          teamId: t.team ? teamIds.get(t.team) : null,
          assigneeId: t.assigned ? (i % 3 === 0 ? admin.id : agent.id) : null,
          serviceAddress: t.serviceAddress,
          affectedServices: t.services,
          deviceSerials: t.serials,
          tags: t.tags,
          channel,
          author:
            channel === "console"
              ? agentAuthor
              : { kind: "client_user", userId: reporterUserId, name: t.reporter[0], email: t.reporter[1] },
          // A couple of acknowledgements so the Outbox shows what reporters receive.
          acknowledge: i < 2,
          now: at(t.h),
        });
        created.push(ticket.id);
        for (const step of t.steps ?? []) {
          const when = at(step.h);
          if ("reply" in step || "note" in step) {
            await addTicketMessage(tx, {
              ticketId: ticket.id,
              organisationId,
              author: agentAuthor,
              body: "reply" in step ? step.reply : step.note,
              visibility: "reply" in step ? "public" : "internal",
              notify: false,
              now: when,
            });
          } else if ("customer" in step) {
            await addTicketMessage(tx, {
              ticketId: ticket.id,
              organisationId,
              author:
                step.by === "link"
                  ? { kind: "reporter_via_link", name: t.reporter[0], email: t.reporter[1] }
                  : { kind: "client_user", userId: reporterUserId, name: t.reporter[0], email: t.reporter[1] },
              body: step.customer,
              now: when,
            });
          } else {
            await unsafeUpdateTicket(tx, { id: ticket.id, data: { status: step.status } }, { kind: "agent", userId: agent.id, name: agentAuthor.name }, when);
          }
        }
      },
      { timeout: 30_000 },
    );
  }
  // Breaches and escalations the background check would have found by now.
  if (created.length > 0) await runSlaSweep(db, { ticketIds: created });
}
