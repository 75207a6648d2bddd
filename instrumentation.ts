// Runs once when the server starts: refuse to start on a bad configuration,
// with a message that names every bad variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./server/config");
  getConfig();
}
