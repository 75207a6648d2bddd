/**
 * What a queue-item handler gets: the item, its connection and connector,
 * and what the batch loaded once for all its items (links, local records,
 * remote records read in one batch call, mappings).
 */
import type { Db } from "@/server/db";
import type { CrmConnection, CrmSyncOperation, SyncLink, SyncQueueItem } from "@/server/generated/prisma/client";
import type { ConnectorError, CrmConnector, RemoteRecord } from "../../connector";
import type { LocalRecord } from "../../entities/entity-adapter";
import type { SyncedLinkWrite } from "../link-writes";
import type { EffectiveMapping } from "../mappings";

export interface HandlerContext {
  db: Db;
  connection: CrmConnection;
  connector: CrmConnector;
  item: SyncQueueItem;
  /** The item's link, when the record has one on this connection. */
  link: SyncLink | null;
  /** The local record (field-by-field entities); undefined when it no longer exists. */
  local: LocalRecord | undefined;
  /** Remote records read ahead for the batch, by external id; absent id = not read ahead. */
  prefetched: ReadonlyMap<string, RemoteRecord | null>;
  /** An error the read-ahead met; items that needed it fail with it. */
  prefetchError: unknown;
  mappingsFor(entity: string): EffectiveMapping[];
  /** Links of the batch that have open conflicts (others need no conflict bookkeeping when none arise). */
  linksWithOpenConflicts: ReadonlySet<string>;
  /** Set when nothing later in the batch reads this record's link: its write may join the batch's one statement. */
  deferLinkWrite?: (write: SyncedLinkWrite) => void;
  /** No earlier attempt at this record can have reached the CRM: a create may skip its lookup. */
  firstTouch: boolean;
  now: () => Date;
}

export interface HandlerResult {
  /** What happened, for the dashboard (e.g. "created", "no changes"). */
  message: string;
}

export type QueueItemHandler = (ctx: HandlerContext) => Promise<HandlerResult>;

/**
 * The queue work of an entity that is not pushed field by field (field jobs,
 * their notes and attachments): its own handler per operation, and what its
 * domain does when an item of it lands in the dead letter.
 */
export interface EntityQueueHandlers {
  operations: Partial<Record<CrmSyncOperation, QueueItemHandler>>;
  onDead?(db: Db, item: SyncQueueItem, error: ConnectorError): Promise<void>;
}
