import dgram from "node:dgram";
import net from "node:net";

export interface FakeReverseDnsOptions {
  /** PTR answers: IP address → host name. Unlisted addresses get NXDOMAIN. */
  table?: Record<string, string>;
  /** Receive queries but never answer, to test client timeouts. */
  silent?: boolean;
}

export interface FakeReverseDns {
  /** "127.0.0.1:port", ready for `Resolver.setServers`. */
  server: string;
  /** PTR names asked, e.g. "142.69.2.81.in-addr.arpa". */
  queries: string[];
  setSilent(silent: boolean): void;
  close(): Promise<void>;
}

const TYPE_PTR = 12;
const CLASS_IN = 1;

function expandV6(ip: string): string {
  const [head = "", tail] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((h) => h.padStart(4, "0")).join("");
}

/** The reverse-DNS name of an address: 4.3.2.1.in-addr.arpa or the ip6.arpa nibble form. */
export function ptrName(ip: string): string {
  if (net.isIPv4(ip)) return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
  return `${expandV6(ip).split("").reverse().join(".")}.ip6.arpa`;
}

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, "").split(".").map((label) => {
    const bytes = Buffer.from(label, "utf8");
    return Buffer.concat([Buffer.from([bytes.length]), bytes]);
  });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

/** Reads the single question of a query: its name and where the question section ends. */
function readQuestion(msg: Buffer): { name: string; end: number; type: number } | null {
  if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let offset = 12;
  while (offset < msg.length) {
    const length = msg[offset] ?? 0;
    offset += 1;
    if (length === 0) break;
    labels.push(msg.subarray(offset, offset + length).toString("utf8"));
    offset += length;
  }
  if (offset + 4 > msg.length) return null;
  return { name: labels.join(".").toLowerCase(), type: msg.readUInt16BE(offset), end: offset + 4 };
}

function reply(query: Buffer, question: { end: number }, hostname: string | undefined): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  const recursionDesired = query.readUInt16BE(2) & 0x0100;
  // QR=1, RA=1, RCODE 0 (found) or 3 (NXDOMAIN).
  header.writeUInt16BE(0x8080 | recursionDesired | (hostname ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(hostname ? 1 : 0, 6);
  const questionBytes = query.subarray(12, question.end);
  if (!hostname) return Buffer.concat([header, questionBytes]);

  const rdata = encodeName(hostname);
  const answer = Buffer.alloc(12);
  answer.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  answer.writeUInt16BE(TYPE_PTR, 2);
  answer.writeUInt16BE(CLASS_IN, 4);
  answer.writeUInt32BE(300, 6);
  answer.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([header, questionBytes, answer, rdata]);
}

/**
 * Starts a UDP DNS server on 127.0.0.1 that answers PTR queries from a table,
 * so reverse lookups can be tested without the internet.
 */
export async function startFakeReverseDns(options: FakeReverseDnsOptions = {}): Promise<FakeReverseDns> {
  const byName = new Map(Object.entries(options.table ?? {}).map(([ip, host]) => [ptrName(ip), host]));
  const queries: string[] = [];
  let silent = options.silent ?? false;
  const socket = dgram.createSocket("udp4");

  socket.on("message", (msg, peer) => {
    const question = readQuestion(msg);
    if (!question) return;
    queries.push(question.name);
    if (silent) return;
    const host = question.type === TYPE_PTR ? byName.get(question.name) : undefined;
    socket.send(reply(msg, question, host), peer.port, peer.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  const { port } = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    queries,
    setSilent(value: boolean) {
      silent = value;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
