/**
 * A path whose percent-escapes are not UTF-8 (`/t/%C0%AE%C0%AE`) makes Next.js
 * throw while decoding route parameters, which production answers with a 500
 * on every dynamic route. The proxy refuses such paths first with a 400.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function undecodablePathResponse(): Response {
  return Response.json(
    { code: "invalid_path", message: "The address contains percent-escapes that are not valid UTF-8", details: null },
    { status: 400, headers: { "cache-control": "no-store" } },
  );
}
