// Runs once when the server starts: refuse to start on a bad configuration,
// with a message that names every bad variable, and stamp every request with
// its socket address before Next.js handles it (server/net/socket-peer.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./server/config");
  getConfig();
  const { installSocketPeerStamp } = await import("./server/net/socket-peer");
  installSocketPeerStamp();
}
