/**
 * Vtiger web-service error codes (WebServiceErrorCode in Vtiger's source)
 * mapped to the connector error kinds the sync engine understands.
 */
import { ConnectorError, type ConnectorErrorKind } from "../../connector";

/** Codes that mean "log in again": the operation itself was not performed. */
export const SESSION_ERROR_CODES: ReadonlySet<string> = new Set(["INVALID_SESSIONID", "SESSION_EXPIRED", "SESSION_LEFT_IDLE"]);

const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  INVALID_USER_CREDENTIALS: "auth",
  INVALID_AUTH_TOKEN: "auth",
  ACCESSKEY_UNDEFINED: "auth",
  AUTHENTICATION_FAILURE: "auth",
  AUTHENTICATION_REQUIRED: "auth",
  INVALID_SESSIONID: "auth",
  SESSION_EXPIRED: "auth",
  SESSION_LEFT_IDLE: "auth",
  ACCESS_DENIED: "permission",
  PERMISSION_DENIED: "permission",
  MANDATORY_FIELDS_MISSING: "validation",
  REFERENCE_INVALID: "validation",
  QUERY_SYNTAX_ERROR: "validation",
  INVALID_ID_ATTRIBUTE: "validation",
  CHANGE_PASSWORD_FAILURE: "validation",
  INVALID_OLD_PASSWORD: "validation",
  LEAD_ALREADY_CONVERTED: "validation",
  RECORD_NOT_FOUND: "not_found",
  UNKNOWN_OPERATION: "config",
  OPERATION_NOT_SUPPORTED: "config",
  UNKOWN_ENTITY: "config",
  UNKNOWN_ENTITY: "config",
  INVALID_MODULE: "config",
  API_LIMIT_EXCEEDED: "rate_limited",
  TOO_MANY_REQUESTS: "rate_limited",
  DATABASE_QUERY_ERROR: "transient",
  INTERNAL_SERVER_ERROR: "transient",
};

/** Field names named in a MANDATORY_FIELDS_MISSING message ("Last Name (lastname) does not have a value"). */
export function missingFieldsFromMessage(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\(([A-Za-z0-9_]+)\)\s+does not have a value/g)) names.add(m[1]!);
  const listed = /Mandatory Fields? Missing:\s*(.+)$/i.exec(message);
  if (listed) for (const n of listed[1]!.split(/[,\s]+/)) if (/^[A-Za-z0-9_]+$/.test(n)) names.add(n);
  return [...names];
}

/** A ConnectorError for a `{success:false, error:{code, message}}` answer. */
export function mapVtigerError(
  code: string | undefined,
  message: string | undefined,
  operation: string,
  httpStatus?: number,
  retryAfterMs?: number,
): ConnectorError {
  const remoteCode = code ?? "UNKNOWN";
  const text = message?.trim() || remoteCode;
  let kind: ConnectorErrorKind = KIND_BY_CODE[remoteCode] ?? "transient";
  // Vtiger answers ACCESS_DENIED "...denied for name" when the module does not exist for this user.
  if (remoteCode === "ACCESS_DENIED" && /for name\b/i.test(text)) kind = "config";
  const fields = remoteCode === "MANDATORY_FIELDS_MISSING" ? missingFieldsFromMessage(text) : undefined;
  const prefix = fields?.length ? `Vtiger ${operation}: mandatory fields missing (${fields.join(", ")})` : `Vtiger ${operation}`;
  return new ConnectorError(kind, `${prefix}: ${remoteCode}: ${text}`, {
    remoteCode,
    operation,
    httpStatus,
    fields,
    retryAfterMs,
  });
}
