/**
 * A connection as the console sees it: everything but the encrypted access
 * key, which never leaves the server (not even as ciphertext).
 */
import type { CrmConnection } from "@/server/generated/prisma/client";
import { moduleConfigsOf } from "../connection-runtime";
import { getConnectorProvider } from "../connector-registry";
import type { ModuleSyncConfig } from "../connector";

export interface ConnectionView {
  id: string;
  name: string;
  provider: string;
  providerLabel: string;
  baseUrl: string;
  username: string;
  hasAccessKey: boolean;
  modules: Record<string, ModuleSyncConfig>;
  pullIntervalMinutes: number;
  taskRoleId: string | null;
  taskAssignMode: string;
  staffRoleId: string | null;
  paymentSummaryWeekday: number | null;
  paymentSummaryHour: number;
  companyId: string | null;
  enabled: boolean;
  deletedAt: Date | null;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestError: string | null;
  lastPushAt: Date | null;
  lastPullAt: Date | null;
  lastPullError: string | null;
  createdAt: Date;
}

export function toConnectionView(c: CrmConnection): ConnectionView {
  let providerLabel = c.provider;
  try {
    providerLabel = getConnectorProvider(c.provider).label;
  } catch {
    // An unknown provider still shows, by its key.
  }
  return {
    id: c.id,
    name: c.name,
    provider: c.provider,
    providerLabel,
    baseUrl: c.baseUrl,
    username: c.username,
    hasAccessKey: c.secretCiphertext.length > 0,
    modules: moduleConfigsOf(c),
    pullIntervalMinutes: c.pullIntervalMinutes,
    taskRoleId: c.taskRoleId,
    taskAssignMode: c.taskAssignMode,
    staffRoleId: c.staffRoleId,
    paymentSummaryWeekday: c.paymentSummaryWeekday,
    paymentSummaryHour: c.paymentSummaryHour,
    companyId: c.companyId,
    enabled: c.enabled,
    deletedAt: c.deletedAt,
    lastTestedAt: c.lastTestedAt,
    lastTestOk: c.lastTestOk,
    lastTestError: c.lastTestError,
    lastPushAt: c.lastPushAt,
    lastPullAt: c.lastPullAt,
    lastPullError: c.lastPullError,
    createdAt: c.createdAt,
  };
}
