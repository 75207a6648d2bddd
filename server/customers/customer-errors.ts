import { RequestError } from "@/server/errors/request-error";

/** A customer id that names no customer: 404 / NOT_FOUND through the shared error mapper. */
export function customerNotFound(): RequestError {
  return new RequestError(404, "not_found", "NOT_FOUND", "The customer was not found");
}
