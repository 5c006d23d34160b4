import type { Mutation, RecallItem, RecallList } from '../api/schemas';
import type { SealedField } from './field-encryption';

// The records of items, lists and the import journal, apart from db.ts so the journal's code
// (import-list.ts, pending-imports.ts) needs nothing of db.ts, which runs the journal's move at
// every open: db.ts → pending-imports.ts → import-list.ts, and nothing back.

/**
 * IndexedDB is the UI's source of truth. Indexes hold only opaque ids, status, list and due date;
 * everything personal stays inside the non-indexed `person` field so it can be encrypted at rest
 * (docs/decisions/005-local-data.md).
 */
export type LocalItem = Omit<
  RecallItem,
  'version' | 'withdrawn' | 'inReport' | 'lossDate' | 'noticeArrivedOn' | 'hrEvent'
> &
  // Absent on items stored before the insurer kinds (issue 14): read them as null.
  Partial<Pick<RecallItem, 'lossDate' | 'noticeArrivedOn' | 'hrEvent'>> & {
    /** Imported from an insurer's file rather than pulled from the API: its changes are never pushed. */
    localOnly?: boolean;
    /**
     * The live report the insurer holds it in, from whichever tablet sent it (ids, form, date; not
     * indexed). Absent on imported items and on items last pulled before the server sent it.
     */
    inReport?: RecallItem['inReport'];
  };
export type LocalList = Omit<RecallList, 'version' | 'source'> & {
  source?: RecallList['source'];
  /**
   * Imported from a file before imported lists became the office's (docs/decisions/025): it and its
   * items exist on this tablet only and are never pushed.
   */
  localOnly?: boolean;
};
export type OutboxEntry = {
  seq?: number;
  /** The mutation's UUID; the server applies it at most once. */
  id: string;
  /** The item the mutation changes; absent for mutations about members or notices. */
  itemId?: string;
  mutation: Mutation;
  status: 'pending' | 'rejected';
  attempts: number;
  /** Rejection reason code from the server, for the clerk to read. */
  reason?: string;
  /** Times the server answered 500 to this mutation sent alone (src/sync/push.ts sets it aside at a limit). */
  serverErrors?: number;
};

/**
 * An imported list written as one record (docs/decisions/012-import-journal.md): the list, and its
 * items sealed in chunks (import-list.ts sealImportChunks), until indexPendingImports moves them
 * into `lists` and `items` in one transaction.
 */
export type PendingImport = { listId: string; list: LocalList; chunks: SealedField[] };
