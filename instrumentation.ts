// Runs once when the server starts: refuse to start on a bad configuration,
// with a message that names every bad variable (including, in production, a
// missing Inngest configuration), and stamp every request with its socket
// address before Next.js handles it (server/net/socket-peer.ts). Next only logs an error thrown here and
// serves on, so the process is stopped explicitly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./server/config");
  try {
    getConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { installSocketPeerStamp } = await import("./server/net/socket-peer");
  installSocketPeerStamp();
}
