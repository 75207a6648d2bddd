/** The outcome of a multipart POST to /api/applications/…: the JSON body, or the message and field of a refusal. */
export type FormPostResult<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

export async function postForm<T>(url: string, body: FormData): Promise<FormPostResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body });
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again." };
  }
  const json = (await response.json().catch(() => null)) as (T & { message?: string; details?: Record<string, string[]> | null }) | null;
  if (response.ok && json) return { ok: true, data: json };
  return {
    ok: false,
    message: json?.message ?? `The server answered ${response.status}.`,
    field: json?.details ? Object.keys(json.details)[0] : undefined,
  };
}
