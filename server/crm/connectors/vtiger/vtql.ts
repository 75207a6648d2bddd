/**
 * Safe building blocks for VTQL, Vtiger's SQL-like query language. Values
 * are always quoted and escaped; names must be plain identifiers, so data
 * can never change the shape of a query.
 */
import { ConnectorError } from "../../connector";

/** Vtiger answers at most this many rows per query. */
export const VTQL_PAGE_SIZE = 100;

/** A quoted VTQL string literal: VTQL escapes a quote by doubling it; a backslash is a syntax error (recorded 37, 38). */
export function vtqlString(value: string | number): string {
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** A module or field name, refused unless it is a plain identifier. */
export function vtqlName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ConnectorError("config", `Not a valid Vtiger module or field name: ${JSON.stringify(name)}`);
  }
  return name;
}

/**
 * A LIKE pattern matching `text` anywhere. % and _ inside `text` still act as
 * wildcards (escaping differs between Vtiger versions), so callers re-check
 * the rows they get back.
 */
export function vtqlContains(text: string): string {
  return vtqlString(`%${text}%`);
}

/** The query without its trailing semicolon and whitespace. */
export function stripTerminator(vtql: string): string {
  return vtql.trim().replace(/;\s*$/, "").trim();
}
