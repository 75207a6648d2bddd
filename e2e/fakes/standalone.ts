/** What each fake's standalone `main.ts` needs: its arguments, its port, and a clean stop. */

/** `--name value` or `--name=value` from the command line. */
export function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/** `--port` (0 = any free port); exits with a message naming a bad value. */
export function portArg(): number {
  const portText = argValue("port") ?? "0";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be an integer between 0 and 65535, got "${portText}"`);
    process.exit(2);
  }
  return port;
}

/** Closes the fake and exits on SIGINT or SIGTERM. */
export function stopOnSignals(fake: { close(): Promise<unknown> }): void {
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
