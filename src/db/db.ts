import Dexie, { type EntityTable } from 'dexie';
import type { Insurer, Mutation, Office, RecallItem, RecallList } from '../api/schemas';
import { DataKey, fieldEncryption } from './field-encryption';

/**
 * IndexedDB is the UI's source of truth. Indexes hold only opaque ids, status, list and due date;
 * everything personal stays inside the non-indexed `person` field so it can be encrypted at rest
 * (docs/decisions/005-local-data.md).
 */
export type LocalItem = Omit<RecallItem, 'version' | 'withdrawn'> & {
  /** Imported from an insurer's file rather than pulled from the API: its changes are never pushed. */
  localOnly?: boolean;
};
export type LocalList = Omit<RecallList, 'version'> & { source?: 'insurer' | 'import' };

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
};

/** One entry of an item's audit trail: what changed, when, on which device. Never indexed by person. */
export type HistoryEntry = {
  seq?: number;
  itemId: string;
  mutationId: string;
  type: Mutation['type'];
  at: string;
  deviceId: string;
  /** How it was returned, or the kind and reason it cannot be. */
  detail?: string;
};

/** The member's chosen notice language (synced as a `member.language_set` mutation). */
export type MemberPreference = { memberId: string; language: string; updatedAt: string };

/** A notice handed to a member (synced as a `notice.delivered` mutation). */
export type NoticeDelivery = {
  id: string;
  memberId: string;
  noticeKey: string;
  language: string;
  channel: 'share' | 'print' | 'qr' | 'copy';
  at: string;
};

/** A recall list a pull brought that the clerk has not been told about yet (issue 4). */
export type NewListNotice = { id: string; title: string; period: string; notified: boolean };

export type Session = { token: string; expiresAt: string; office: Office; insurer: Insurer };

/** The data key wrapped under the passcode (docs/decisions/008-encryption-at-rest.md). */
export type VaultRecord = {
  version: 1;
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  wrappedKey: Uint8Array;
};
/** Wrong passcodes so far and when the next try is allowed (ms since epoch): survives a reload. */
export type UnlockFailures = { count: number; retryAt: number };

export type Meta =
  | { key: 'session'; value: Session }
  | { key: 'cursor'; value: string }
  | { key: 'deviceId'; value: string }
  | { key: 'lastSyncAt'; value: string }
  | { key: 'lastSyncError'; value: string | null }
  | { key: 'newLists'; value: NewListNotice[] }
  | { key: 'vault'; value: VaultRecord }
  | { key: 'unlockFailures'; value: UnlockFailures }
  | { key: 'autoLockMinutes'; value: number };
export type MetaKey = Meta['key'];
export type MetaValue<K extends MetaKey> = Extract<Meta, { key: K }>['value'];

export class RecallDb extends Dexie {
  lists!: EntityTable<LocalList, 'id'>;
  items!: EntityTable<LocalItem, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<Meta, 'key'>;
  history!: EntityTable<HistoryEntry, 'seq'>;
  memberPrefs!: EntityTable<MemberPreference, 'memberId'>;
  deliveries!: EntityTable<NoticeDelivery, 'id'>;
  /** In memory only while unlocked; personal fields are encrypted under it at rest. */
  readonly dataKey = new DataKey();

  constructor(name = 'recall') {
    super(name);
    this.use(fieldEncryption(this.dataKey));
    this.version(1).stores({
      lists: 'id, period',
      items: 'id, listId, status, dueDate, [listId+status]',
      outbox: '++seq, &id, itemId, status',
      meta: 'key',
    });
    // v2: audit trail per item, members' notice languages, notice deliveries.
    this.version(2).stores({
      history: '++seq, itemId',
      memberPrefs: 'memberId',
      deliveries: 'id, memberId, at',
    });
  }
}

export const db = new RecallDb();

export async function getMeta<K extends MetaKey>(key: K, from: RecallDb = db): Promise<MetaValue<K> | undefined> {
  const row = await from.meta.get(key);
  return row?.value as MetaValue<K> | undefined;
}

export async function setMeta<K extends MetaKey>(key: K, value: MetaValue<K>, into: RecallDb = db): Promise<void> {
  await into.meta.put({ key, value } as Meta);
}
