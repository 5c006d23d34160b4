import Dexie, { type EntityTable } from 'dexie';
import type { Insurer, Mutation, Office } from '../api/schemas';
import type { ValueMapping } from '../domain/csv/values';
import type { Clerk, DocumentCounts, ReportRow, ReportScope } from '../domain/reports/build-report';
import type { OfficeProfile } from '../domain/reports/official-forms';
import type { ReportForm, ReportStatus } from '../domain/reports/report-forms';
import { DB_NAME } from './db-name';
import { DataKey, fieldEncryption, type SealedField } from './field-encryption';
import type { StoredOfficeProfile } from './office-profile';
import { indexLeftoverImports } from './pending-imports';
import type { LocalItem, LocalList, OutboxEntry, PendingImport } from './records';

export type { LocalItem, LocalList, OutboxEntry, PendingImport } from './records';

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

/**
 * A report (回収連絡書 / 回収不能届 / 滅失届). Everything personal (names, birth dates, 記号・番号・枝番,
 * reasons) is in the one non-indexed field `rows`, so it can be encrypted at rest like items' `person`;
 * the rest is ids, counts and dates. The clerk's name and phone live in meta `clerk`.
 */
export type LocalReport = {
  id: string;
  form: ReportForm;
  status: ReportStatus;
  scope: ReportScope;
  /** The list's title, for the history (a list title is not personal). */
  scopeLabel: string;
  itemIds: string[];
  counts: DocumentCounts;
  total: number;
  /** Items of an imported list: printed and exported, never sent (the insurer's API does not know them). */
  localOnly: boolean;
  office: { code: string; name: string };
  insurer: { name: string; number: string };
  createdAt: string;
  /** The clerk's calendar day the report was made, YYYY-MM-DD (printed in 和暦). */
  createdOn: string;
  submittedAt?: string;
  /** The outbox mutation that carries it to the insurer. */
  mutationId?: string;
  receivedAt?: string;
  /** Why the insurer refused it (a reason code the client translates). */
  rejection?: string;
  /** Cleared after the retention period; the counts and ids stay. */
  rowsPurged?: boolean;
  rows: ReportRow[];
};

/**
 * The signed-in office (src/db/session-token.ts). Readable while locked: the service worker and a
 * locked tab push with `pushToken`, which the server refuses for reading. The full token is only
 * in `sealedToken`, under the data key.
 */
export type Session = {
  /** Opens only push and sign-out. Absent on sessions kept by versions before push tokens. */
  pushToken?: string;
  /** The full token, sealed under the data key; absent until a passcode is set. */
  sealedToken?: SealedField;
  /** Versions before push tokens kept the full token here, in clear; used until the next sign-in. */
  token?: string;
  expiresAt: string;
  office: Office;
  /** `kind` is absent on sessions kept before the insurer kinds; the next pull brings it. */
  insurer: Omit<Insurer, 'kind'> & { kind?: Insurer['kind'] };
};

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
  /** Printed on every report; remembered between reports. */
  | { key: 'clerk'; value: Clerk }
  /** The office as the official forms print it (docs/decisions/022-official-forms.md); the clerk's edits. */
  | { key: 'officeProfile'; value: OfficeProfile }
  /** The office profile from the server and the clerks' edits, synced (docs/decisions/024; office-profile.ts). */
  | { key: 'officeProfileSync'; value: StoredOfficeProfile }
  /** Days finished, reported items stay on the tablet (docs/decisions/009-reports.md). */
  | { key: 'retentionDays'; value: number }
  /** Insurer answers to reports that came while locked (report-answers.ts). */
  | { key: 'reportAnswers'; value: ReportAnswer[] }
  | { key: 'vault'; value: VaultRecord }
  | { key: 'unlockFailures'; value: UnlockFailures }
  | { key: 'autoLockMinutes'; value: number };
/** The insurer's answer to a submitted report: received (rejection null) or refused with a code. */
export type ReportAnswer = { reportId: string; mutationId: string; rejection: string | null; at: string };

/**
 * The clerk's answers for an insurer's own wordings of coded values (src/domain/csv/values.ts), per
 * insurer: next month's file from the same insurer imports without asking again. Not personal (the
 * wordings of reasons, relations, sexes); kept on this tablet only for now (not synced with the office).
 */
export type ValueMappingRecord = { insurer: string; mapping: ValueMapping; updatedAt: string };

/**
 * The 被保険者's 住所 and 電話 for the 回収不能届 (協会けんぽ asks for them: the insurer chases the member),
 * typed by the clerk. `contact` is one sealed field (field-encryption.ts ENCRYPTED_FIELDS); never indexed.
 * `dvProtected`: a person under DV protection (seed 003) never has an address kept, shown or printed.
 */
export type MemberContact = { address: string; phone: string; dvProtected: boolean };
export type MemberContactRecord = { householdId: string; contact: MemberContact };

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
  reports!: EntityTable<LocalReport, 'id'>;
  pendingImports!: EntityTable<PendingImport, 'listId'>;
  valueMappings!: EntityTable<ValueMappingRecord, 'insurer'>;
  memberContacts!: EntityTable<MemberContactRecord, 'householdId'>;
  /** In memory only while unlocked; personal fields are encrypted under it at rest. */
  readonly dataKey = new DataKey();

  constructor(name = DB_NAME) {
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
    // v3: reports to the insurer; only non-personal fields are indexed.
    this.version(3).stores({ reports: 'id, status, createdAt' });
    // v4: items keep one index besides the key. Every index is one more write per record, and an
    // import writes 10,000 records (docs/decisions/005-local-data.md): `where('listId')` is answered
    // by [listId+status], the to-collect count per [listId+status] key (item-counts.ts), and dueDate
    // was never queried. Dropping indexes keeps every record.
    this.version(4).stores({ items: 'id, [listId+status]' });
    // v5: imports are journaled as one record and moved into items behind the clerk's back
    // (docs/decisions/012-import-journal.md). A move cut short (tab closed, tablet locked) is done
    // again at the next open or unlock; a move is one transaction, so no screen ever sees a list
    // without its items. A failed move keeps its journal and must not keep the app from opening.
    this.version(5).stores({ pendingImports: 'listId' });
    // v6: the clerk's answers for insurers' own wordings in imported lists, one record per insurer
    // (src/db/value-mappings.ts). A new store only: nothing to upgrade, every record kept.
    this.version(6).stores({ valueMappings: 'insurer' });
    // v7: the 被保険者's 住所・電話 the clerk types for a 回収不能届 (docs/decisions/022-official-forms.md),
    // keyed by household id (not personal); `contact` is sealed under the data key like items' person.
    this.version(7).stores({ memberContacts: 'householdId' });
    // v8: imported lists belong to the office (docs/decisions/025): a list imported from now on is sent
    // to the insurer and shared by the office's tablets. One imported before stays on this tablet only,
    // marked so (no store or index changes; lists hold nothing personal, so this runs while locked).
    this.version(8)
      .stores({})
      .upgrade((tx) =>
        tx
          .table('lists')
          .toCollection()
          .modify((list: LocalList) => {
            if (list.source === 'import') list.localOnly = true;
          }),
      );
    this.on('ready', (opened) => indexLeftoverImports(opened as RecallDb).catch(() => {}));
    this.dataKey.subscribe(() => {
      if (this.dataKey.loaded && this.isOpen()) indexLeftoverImports(this).catch(() => {});
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
