/**
 * The Accounting API import of one Ascora connection: invoices dated before
 * now, then payments, each stored as an external invoice/payment of the
 * customer its Ascora customer is linked to. The order is the whole point:
 * store (committed), THEN mark in Ascora. A crash or lost answer between the
 * two leaves the record unmarked, Ascora sends it again, the upsert on its
 * Guid finds the row, and the next mark succeeds: nothing doubles. Records we
 * refuse are never marked (they come back once fixed in Ascora) and are
 * listed as import issues with the reason.
 */
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { getConnectorProvider } from "@/server/crm/connector-registry";
import { connectorFor } from "@/server/crm/connection-runtime";
import { fetchInvoiceDetails, fetchPayments, markInvoices, markPayments } from "@/server/crm/connectors/ascora/ascora-accounting-api";
import { AscoraConnector } from "@/server/crm/connectors/ascora/ascora-connector";
import type { AscoraHttp } from "@/server/crm/connectors/ascora/ascora-http";
import { flushCallLog, logCallLogFailure, withCallContext } from "@/server/crm/engine/call-log";
import { ConnectorError } from "@/server/crm/connector";
import { RejectedRecord, parseInvoice, parsePayment, rawIdOf } from "./parse-ascora-accounting";
import { recordImportIssue, storeExternalInvoice, storeExternalPayment, type IssueKind } from "./store-external-records";

/** Every accounting import run's message starts with this (the runs share SyncRun with CRM pulls). */
export const ACCOUNTING_RUN_PREFIX = "Accounting import";
export const ACCOUNTING_RUN_RUNNING = `${ACCOUNTING_RUN_PREFIX}: running`;

export interface AccountingImportOptions {
  runId?: string;
  trigger?: "manual" | "schedule" | "event";
  now?: () => Date;
  /** Tests: a client of their own. */
  http?: AscoraHttp;
  /** Tests: runs after the records are stored and before they are marked (where a crash would hit). */
  beforeMark?: (kind: IssueKind) => Promise<void> | void;
}

export interface AccountingImportResult {
  runId: string | null;
  skipped: boolean;
  invoices: { stored: number; marked: number; rejected: number };
  payments: { stored: number; marked: number; rejected: number; waiting: number };
}

function httpOf(connection: Parameters<typeof connectorFor>[0]): AscoraHttp {
  const connector = connectorFor(connection);
  if (!(connector instanceof AscoraConnector)) {
    throw new ConnectorError("config", `Connection ${connection.id} has no accounting API`);
  }
  return connector.http;
}

type UnmarkedReader = {
  findMany(args: { where: { connectionId: string; markedAt: null; remoteId: { notIn: string[] } }; select: { remoteId: true } }): Promise<{ remoteId: string }[]>;
};

async function unmarked(table: UnmarkedReader, connectionId: string, except: string[]): Promise<string[]> {
  const rows = await table.findMany({ where: { connectionId, markedAt: null, remoteId: { notIn: except } }, select: { remoteId: true } });
  return rows.map((r) => r.remoteId);
}

export async function importAscoraAccounting(db: Db, connectionId: string, opts: AccountingImportOptions = {}): Promise<AccountingImportResult> {
  const now = opts.now ?? (() => new Date());
  const result: AccountingImportResult = {
    runId: null,
    skipped: true,
    invoices: { stored: 0, marked: 0, rejected: 0 },
    payments: { stored: 0, marked: 0, rejected: 0, waiting: 0 },
  };
  const connection = await db.crmConnection.findUnique({ where: { id: connectionId } });
  if (!connection || connection.deletedAt || !connection.enabled) return result;
  if (!getConnectorProvider(connection.provider).importsAccounting) return result;
  const runId =
    opts.runId ??
    (await db.syncRun.create({ data: { connectionId, kind: "PULL", trigger: opts.trigger ?? "schedule", message: ACCOUNTING_RUN_RUNNING } })).id;
  result.runId = runId;
  result.skipped = false;
  const issue = (kind: IssueKind, remoteId: string, reason: string, waiting = false) =>
    recordImportIssue(db, { connectionId, kind, remoteId, reason, waiting, now: now() });

  try {
    await withCallContext({ correlationId: runId }, async () => {
      const http = opts.http ?? httpOf(connection);

      // ---- invoices
      const headers = await fetchInvoiceDetails(http, now(), connection.companyId);
      const customerIds = [
        ...new Set(headers.flatMap((h) => (typeof h.CustomerId === "string" ? [h.CustomerId, h.CustomerId.toLowerCase()] : []))),
      ];
      const customerLinks = await db.syncLink.findMany({
        where: { connectionId, entity: "customer", externalId: { in: customerIds } },
        select: { entityId: true, externalId: true },
      });
      const customerOf = new Map(customerLinks.map((l) => [l.externalId!.toLowerCase(), l.entityId]));
      const invoicesToMark: string[] = [];
      for (const header of headers) {
        const rawId = rawIdOf(header);
        try {
          const invoice = parseInvoice(header);
          const customerId = customerOf.get(invoice.remoteCustomerId);
          if (!customerId) {
            throw new RejectedRecord(`its customer ${invoice.remoteCustomerId} is not linked to a Switchboard customer (sync customers first)`);
          }
          await db.$transaction((tx) => storeExternalInvoice(tx, { connectionId, customerId, invoice, rawId, now: now() }));
          invoicesToMark.push(invoice.remoteId);
          result.invoices.stored += 1;
        } catch (e) {
          if (!(e instanceof RejectedRecord)) throw e;
          result.invoices.rejected += 1;
          await issue("invoice", rawId, `Invoice ${String(header.InvoiceNumber ?? rawId).slice(0, 100)}: ${e.message}`);
        }
      }
      await opts.beforeMark?.("invoice");
      // Rows stored earlier whose mark was lost (a timeout after Ascora marked them): marking again is harmless.
      invoicesToMark.push(...(await unmarked(db.externalInvoice, connectionId, invoicesToMark)));
      await markInvoices(http, invoicesToMark);
      if (invoicesToMark.length) {
        const marked = await db.externalInvoice.updateMany({ where: { connectionId, remoteId: { in: invoicesToMark } }, data: { markedAt: now() } });
        result.invoices.marked = marked.count;
      }

      // ---- payments (Ascora lists only payments of invoices already marked)
      const payments = await fetchPayments(http);
      const invoiceIds = [...new Set(payments.flatMap((p) => (typeof p.InvoiceId === "string" ? [p.InvoiceId.toLowerCase()] : [])))];
      const stored = await db.externalInvoice.findMany({
        where: { connectionId, remoteId: { in: invoiceIds } },
        select: { id: true, remoteId: true, customerId: true },
      });
      const invoiceOf = new Map(stored.map((i) => [i.remoteId, i]));
      const paymentsToMark: string[] = [];
      for (const raw of payments) {
        const rawId = rawIdOf(raw);
        try {
          const payment = parsePayment(raw);
          const invoice = invoiceOf.get(payment.remoteInvoiceId);
          if (!invoice) {
            result.payments.waiting += 1;
            await issue("payment", rawId, `Waiting for invoice ${payment.remoteInvoiceId} to be imported first`, true);
            continue;
          }
          await db.$transaction((tx) => storeExternalPayment(tx, { connectionId, invoice, payment, rawId, now: now() }));
          paymentsToMark.push(payment.remoteId);
          result.payments.stored += 1;
        } catch (e) {
          if (!(e instanceof RejectedRecord)) throw e;
          result.payments.rejected += 1;
          await issue("payment", rawId, `Payment ${rawId}: ${e.message}`);
        }
      }
      await opts.beforeMark?.("payment");
      paymentsToMark.push(...(await unmarked(db.externalPayment, connectionId, paymentsToMark)));
      await markPayments(http, paymentsToMark);
      if (paymentsToMark.length) {
        const marked = await db.externalPayment.updateMany({ where: { connectionId, remoteId: { in: paymentsToMark } }, data: { markedAt: now() } });
        result.payments.marked = marked.count;
      }
    });
    const i = result.invoices;
    const p = result.payments;
    const message = `${ACCOUNTING_RUN_PREFIX}: invoices ${i.stored} stored, ${i.rejected} rejected; payments ${p.stored} stored, ${p.waiting} waiting for their invoice, ${p.rejected} rejected.`;
    await db.syncRun.update({
      where: { id: runId },
      data: {
        status: "SUCCEEDED",
        finishedAt: now(),
        message,
        processed: i.stored + i.rejected + p.stored + p.rejected + p.waiting,
        succeeded: i.stored + p.stored,
        failed: i.rejected + p.rejected,
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn("billing.external_import_failed", { connectionId, error: message });
    await db.syncRun.update({ where: { id: runId }, data: { status: "FAILED", finishedAt: now(), message: `${ACCOUNTING_RUN_PREFIX} failed: ${message}`.slice(0, 1000) } });
    throw error;
  } finally {
    await flushCallLog(db).catch(logCallLogFailure);
  }
  return result;
}
