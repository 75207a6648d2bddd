/**
 * Vtiger web-service error codes (WebServiceErrorCode in Vtiger's source)
 * mapped to the connector error kinds the sync engine understands.
 */
import { ConnectorError, type ConnectorErrorKind } from "../../connector";

/** Our code for HTTP 500 with an empty body: an operation this Vtiger lacks, a stock install's sync, or its database down (46–49, 96). */
export const EMPTY_500 = "EMPTY_HTTP_500";

/** Stock 8.4.0 changePassword answers HTTP 200 HTML "restricted file" (recorded 87). */
export const RESTRICTED_FILE = "RESTRICTED_FILE";

/** What an admin runs on a stock 8.4.0 database so `sync` works (Vtiger's installer leaves syncType out). */
export const SYNC_FIX_SQL =
  "INSERT INTO vtiger_ws_operation_parameters (operationid,name,type,sequence) VALUES ((SELECT operationid FROM vtiger_ws_operation WHERE name='sync'),'syncType','String',3);";

/** What an admin runs so changePassword reaches its handler (the file moved in 8.4.0). */
export const CHANGE_PASSWORD_FIX_SQL =
  "UPDATE vtiger_ws_operation SET handler_path='include/Webservices/Custom/ChangePassword.php' WHERE name='changePassword';";

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
  // Vtiger 8.4 names the bare field: "lastname does not have a value" (recorded 15).
  const bare = /^([A-Za-z0-9_]+) does not have a value$/.exec(message.trim());
  if (bare) names.add(bare[1]!);
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
