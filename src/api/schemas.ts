import { z } from 'zod';
import { UNRETURNABLE_KINDS } from '../domain/collection-status';
import { NOTICE_KEY_LIST } from '../domain/notices/keys';
import {
  DOCUMENT_KINDS,
  HOLDER_REASONS,
  HR_EVENTS,
  INSURER_KINDS,
  ITEM_STATUSES,
  LIST_SOURCES,
  RECALL_REASONS,
  RELATIONS,
  RETURN_METHODS,
} from '../domain/recall';
import { OFFICE_PROFILE_FIELDS, OFFICE_PROFILE_MAX } from '../domain/reports/office-profile';
import { REPORT_FORMS } from '../domain/reports/report-forms';
import { PUSH_BATCH_MAX } from './limits';

/**
 * The insurer API contract, shared by the client (src/api/client.ts), the MSW mocks and the server.
 * The OpenAPI document at /api/v1/openapi.json is generated from these schemas.
 */

// Timestamps are UTC with a Z so that every party compares and stores them the same way. Every value
// accepted must survive a round trip through the database and back (docs/decisions/014): a stated
// range (PostgreSQL's timestamptz would round year 9999 with 7 fractional digits up to year 10000 and
// refuses year 0000) and at most milliseconds, which is what a JavaScript Date keeps.
export const INSTANT_MIN = '2000-01-01T00:00:00Z';
export const INSTANT_MAX = '2100-01-01T00:00:00Z';
const INSTANT_MIN_MS = Date.parse(INSTANT_MIN);
const INSTANT_MAX_MS = Date.parse(INSTANT_MAX);
const instant = z.iso
  .datetime({ offset: false })
  .regex(/^[^.]*(\.\d{1,3})?Z$/, 'at most millisecond precision')
  .refine((value) => {
    const ms = Date.parse(value);
    return ms >= INSTANT_MIN_MS && ms <= INSTANT_MAX_MS;
  }, `between ${INSTANT_MIN} and ${INSTANT_MAX}`)
  .meta({ description: `UTC, at most milliseconds, from ${INSTANT_MIN} to ${INSTANT_MAX}` });
/**
 * NUL (which PostgreSQL text cannot hold) and a UTF-16 surrogate without its pair (which has no UTF-8
 * form) are refused in every free-text field a client sends, with the field named in the problem.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}
const storableText = (schema: z.ZodString) => schema.refine(isStorableText, 'no NUL character or unpaired surrogate');
const calendarDate = z.iso.date();
/** A calendar date a person or a document can have: within 1900..2100, so every database stores it. */
const recordDate = calendarDate.refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'a date from 1900 to 2100');
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const SignInRequest = z
  .strictObject({
    officeCode: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only'),
    accessCode: storableText(z.string().min(1).max(128)),
  })
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const Office = z.object({ id, code: z.string(), name: z.string() }).meta({ id: 'Office' });
export type Office = z.infer<typeof Office>;

export const Insurer = z
  .object({
    name: z.string(),
    number: z.string().regex(/^\d{8}$/),
    phone: z.string(),
    /** 協会けんぽ or 健康保険組合: decides each item's route, the forms and the notices (docs/domain.md). */
    kind: z.enum(INSURER_KINDS),
  })
  .meta({ id: 'Insurer' });
export type Insurer = z.infer<typeof Insurer>;

/**
 * The office as the official forms print it (docs/decisions/024-office-profile-sync.md): the insurer's
 * enrolment and the clerk's edits per field with their time, which every tablet merges (last write wins).
 * Sent on sign-in and with every pull. Not personal data; still never logged and never in a URL.
 */
export const ServerOfficeProfile = z
  .object({
    insurer: z.object({ officeSymbol: z.string(), officeNumber: z.string(), name: z.string(), address: z.string() }),
    edits: z.partialRecord(z.enum(OFFICE_PROFILE_FIELDS), z.object({ value: z.string(), at: instant })),
  })
  .meta({ id: 'OfficeProfile' });
export type ServerOfficeProfile = z.infer<typeof ServerOfficeProfile>;

export const SignInResponse = z
  .object({
    /** Opens every route. The tablet keeps it only in memory or encrypted under its data key. */
    token: z.string(),
    /**
     * The same session's push token: opens only POST /sync/push and POST /auth/sign-out; any other
     * route answers 403 with the problem code `token_scope`. Kept in clear so a locked tablet pushes.
     */
    pushToken: z.string().meta({
      description: 'Accepted only by POST /sync/push and POST /auth/sign-out; elsewhere 403 token_scope',
    }),
    expiresAt: instant,
    office: Office,
    insurer: Insurer,
    officeProfile: ServerOfficeProfile.optional(),
  })
  .meta({ id: 'SignInResponse' });
export type SignInResponse = z.infer<typeof SignInResponse>;

/** Notice languages: Japanese, やさしい日本語 and the 22 support languages (DOMAIN.md). */
export const NOTICE_LANGUAGES = [
  'ja',
  'ja-easy',
  'en',
  'zh-Hans',
  'ko',
  'es',
  'tl',
  'pt-BR',
  'vi',
  'th',
  'id',
  'ne',
  'my',
  'fr',
  'de',
  'it',
  'ru',
  'ms',
  'km',
  'mn',
  'si',
  'hi',
  'bn',
  'ur',
] as const;
export const NoticeLanguage = z.enum(NOTICE_LANGUAGES);
export type NoticeLanguage = z.infer<typeof NoticeLanguage>;

/** Personal data of one item: kept together so the client can keep it in one non-indexed (encryptable) field. */
export const Person = z
  .object({
    name: z.string(),
    kana: z.string(),
    birthDate: calendarDate,
    sex: z.enum(['male', 'female']),
    /** 記号, 番号, 枝番 as printed on the certificate. */
    symbol: z.string(),
    number: z.string(),
    branch: z.string(),
    /** 被保険者氏名: the name of the insured person of the household. */
    insuredName: z.string(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export const RecallList = z
  .object({
    id,
    title: z.string(),
    /** The month the list was issued for, YYYY-MM. */
    period: z.string().regex(/^\d{4}-\d{2}$/),
    receivedAt: instant,
    /** The insurer's list, or one the office made by recording HR events on a tablet. */
    source: z.enum(LIST_SOURCES),
    version: z.number().int(),
  })
  .meta({ id: 'RecallList' });
export type RecallList = z.infer<typeof RecallList>;

/**
 * The live report an item is in (stored by the insurer, not withdrawn by a correcting report): ids,
 * the form and when it was made, nothing personal. Every tablet of the office learns it on its next
 * pull, so none reports the item again or reopens it (docs/decisions/009-reports.md). No status: the
 * insurer stores only reports it accepted, so a stored report is always received.
 */
export const ReportMark = z
  .object({
    reportId: z.uuid(),
    form: z.enum(REPORT_FORMS),
    createdAt: instant,
    /** When the insurer recorded the envelope of certificates for this report (issue 20); null until then. */
    envelopeReceivedAt: instant.nullable().optional(),
  })
  .meta({ id: 'ReportMark' });
export type ReportMark = z.infer<typeof ReportMark>;

export const RecallItem = z
  .object({
    id,
    listId: id,
    memberId: id,
    householdId: id,
    relation: z.enum(RELATIONS),
    documentKind: z.enum(DOCUMENT_KINDS),
    reason: z.enum(RECALL_REASONS),
    holderReason: z.enum(HOLDER_REASONS).nullable(),
    issueNo: z.string(),
    issuedOn: calendarDate,
    expiresOn: calendarDate.nullable(),
    /** 資格喪失日: the 5-day filing clock starts on it (docs/domain.md). Null when the list does not say. */
    lossDate: calendarDate.nullable(),
    /** The day the insurer received the 喪失届 (old 健康保険証 only: seed 000, 「届出の到着日による」). */
    noticeArrivedOn: calendarDate.nullable(),
    /** The HR event the office recorded for it; null on the insurer's lists. */
    hrEvent: z.enum(HR_EVENTS).nullable(),
    dueDate: calendarDate,
    status: z.enum(ITEM_STATUSES),
    returnedAt: instant.nullable(),
    returnMethod: z.enum(RETURN_METHODS).nullable(),
    unreturnableKind: z.enum(UNRETURNABLE_KINDS).nullable(),
    unreturnableReason: z.string().nullable(),
    statusChangedAt: instant.nullable(),
    /** The insurer took the item off the list; the client drops it. */
    withdrawn: z.boolean(),
    /** The member's notice language, as last set from any tablet. */
    preferredLanguage: NoticeLanguage,
    /** Null when the item is in no live report: it may go in one (or be reopened). */
    inReport: ReportMark.nullable(),
    version: z.number().int(),
    person: Person,
  })
  .meta({ id: 'RecallItem' });
export type RecallItem = z.infer<typeof RecallItem>;

export const PULL_PAGE_MAX = 1000;
export const PullQuery = z.strictObject({
  /** Opaque to the client: the version up to which it holds every change. Absent or "0" = from the start. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor is a string of digits')
    .optional(),
  limit: z.coerce.number().int().min(1).max(PULL_PAGE_MAX).optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z
  .object({
    lists: z.array(RecallList),
    items: z.array(RecallItem),
    cursor: z.string(),
    hasMore: z.boolean(),
    /** The office's insurer as it is now, so a tablet signed in before the insurer kind existed learns it. */
    insurer: Insurer.optional(),
    /**
     * The office profile as it is now (insurer's values and the clerk's edits): on a first sync and on the
     * page that passes its last change (docs/decisions/033); absent = unchanged since the cursor.
     */
    officeProfile: ServerOfficeProfile.optional(),
  })
  .meta({ id: 'PullResponse' });
export type PullResponse = z.infer<typeof PullResponse>;

const mutationBase = { id: z.uuid(), at: instant };
export const ItemReturned = z.strictObject({
  ...mutationBase,
  type: z.literal('item.returned'),
  payload: z.strictObject({ itemId: id, returnedAt: instant, method: z.enum(RETURN_METHODS) }),
});
export const ItemReopened = z.strictObject({
  ...mutationBase,
  type: z.literal('item.reopened'),
  payload: z.strictObject({ itemId: id }),
});
export const ItemUnreturnable = z.strictObject({
  ...mutationBase,
  type: z.literal('item.unreturnable'),
  payload: z.strictObject({
    itemId: id,
    kind: z.enum(UNRETURNABLE_KINDS),
    reason: storableText(z.string().trim().min(1).max(500)),
  }),
});
// One list of notice keys, kept in the domain so that screens need not load zod to know them.
export const NOTICE_KEYS = NOTICE_KEY_LIST;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

export const MemberLanguageSet = z.strictObject({
  ...mutationBase,
  type: z.literal('member.language_set'),
  payload: z.strictObject({ memberId: id, language: NoticeLanguage }),
});
export const NoticeDelivered = z.strictObject({
  ...mutationBase,
  type: z.literal('notice.delivered'),
  payload: z.strictObject({
    memberId: id,
    noticeKey: z.enum(NOTICE_KEYS),
    language: NoticeLanguage,
    channel: z.enum(['share', 'print', 'qr', 'copy']),
  }),
});
/** Most items one report may carry: a year of returns of a large office. */
export const REPORT_ITEMS_MAX = 2000;
/** A 回収連絡書 / 回収不能届 / 滅失届 sent to the insurer with exactly these items (an item is in one live report). */
export const ReportSubmitted = z.strictObject({
  ...mutationBase,
  type: z.literal('report.submitted'),
  payload: z.strictObject({
    reportId: z.uuid(),
    form: z.enum(REPORT_FORMS),
    scope: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('list'), listId: id }),
      z.strictObject({ kind: z.literal('period'), period: z.string().regex(/^\d{4}-\d{2}$/) }),
    ]),
    itemIds: z
      .array(id)
      .min(1)
      .max(REPORT_ITEMS_MAX)
      .refine((ids) => new Set(ids).size === ids.length, 'an item appears once'),
    clerk: z.strictObject({
      name: storableText(z.string().trim().min(1).max(100)),
      phone: storableText(z.string().trim().min(1).max(40)),
    }),
    createdAt: instant,
  }),
});
export type ReportSubmitted = z.infer<typeof ReportSubmitted>;

/** A person the office types in for an HR event (a member the tablet has never seen on a list). */
export const PersonInput = z
  .strictObject({
    name: storableText(z.string().trim().min(1).max(100)),
    kana: storableText(z.string().trim().max(100)),
    birthDate: recordDate,
    sex: z.enum(['male', 'female']),
    symbol: storableText(z.string().trim().max(20)),
    number: storableText(z.string().trim().max(20)),
    branch: z.string().regex(/^\d{2}$/, 'two digits'),
  })
  .meta({ id: 'PersonInput' });
export type PersonInput = z.infer<typeof PersonInput>;

/** One certificate an HR event makes the office collect (docs/decisions/021-office-entered-items.md). */
export const OfficeEnteredItem = z
  .strictObject({
    id,
    memberId: id,
    householdId: id,
    relation: z.enum(RELATIONS),
    documentKind: z.enum(DOCUMENT_KINDS),
    reason: z.enum(['lost_eligibility', 'name_changed']),
    issueNo: z
      .string()
      .max(20)
      .regex(/^[0-9A-Za-z-]*$/, 'letters, digits and - only'),
    issuedOn: recordDate,
    expiresOn: recordDate.nullable(),
    lossDate: recordDate,
    dueDate: recordDate,
    /**
     * Null in the tablet's outbox, where personal data is never kept in clear; filled in from the sealed
     * item when the mutation is sent. Needed only for a member the insurer does not know yet.
     */
    person: PersonInput.nullable(),
  })
  .meta({ id: 'OfficeEnteredItem' });
export type OfficeEnteredItem = z.infer<typeof OfficeEnteredItem>;

/** Most certificates one HR event can touch: a 被保険者 and a large household. */
export const HR_EVENT_ITEMS_MAX = 20;
/**
 * The office recorded an HR event (退職, 死亡, 被扶養者の削除, 75歳到達, 氏名変更) on a tablet: the insurer
 * stores the items it makes the office collect in the office's own list for the month (`ol-<office id>-<YYYY-MM>`),
 * and every tablet of the office pulls them.
 */
export const HrEventRecorded = z.strictObject({
  ...mutationBase,
  type: z.literal('hr_event.recorded'),
  payload: z.strictObject({
    event: z.enum(HR_EVENTS),
    eventDate: recordDate,
    list: z.strictObject({
      id,
      title: storableText(z.string().trim().min(1).max(100)),
      period: z.string().regex(/^\d{4}-\d{2}$/),
    }),
    items: z
      .array(OfficeEnteredItem)
      .min(1)
      .max(HR_EVENT_ITEMS_MAX)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'an item appears once'),
  }),
});
export type HrEventRecorded = z.infer<typeof HrEventRecorded>;

/**
 * The clerk edited the office profile on a tablet: the changed fields, each made at `at`. The server
 * keeps the latest edit of each field (last write wins, ties by value) and sends them with every pull.
 * An empty value means "the insurer's value again".
 */
const profileValue = (max: number) => storableText(z.string().trim().max(max)).optional();
export const OfficeProfileUpdated = z.strictObject({
  ...mutationBase,
  type: z.literal('office_profile.updated'),
  payload: z.strictObject({
    fields: z
      .strictObject(
        Object.fromEntries(OFFICE_PROFILE_FIELDS.map((f) => [f, profileValue(OFFICE_PROFILE_MAX[f])])) as Record<
          (typeof OFFICE_PROFILE_FIELDS)[number],
          ReturnType<typeof profileValue>
        >,
      )
      .refine((fields) => Object.values(fields).some((v) => v !== undefined), 'at least one field'),
  }),
});
export type OfficeProfileUpdated = z.infer<typeof OfficeProfileUpdated>;

/**
 * Most items one `list.imported` mutation carries: a 10,000-row import goes as 20 of them, so no push
 * body nears the API's 1 MB limit (about 300 kB each with the persons filled in).
 */
export const IMPORT_ITEMS_MAX = 500;

/** A person as an insurer's file gives it (src/domain/csv/validate.ts checks the same bounds). */
export const ImportedPerson = PersonInput.extend({
  name: storableText(z.string().trim().min(1).max(200)),
  kana: storableText(z.string().trim().max(200)),
  symbol: storableText(z.string().trim().max(32)),
  number: storableText(z.string().trim().max(32)),
  /** 被保険者氏名 as the file gives it: a dependant's household may have no insured person on the list. */
  insuredName: storableText(z.string().trim().min(1).max(200)),
}).meta({ id: 'ImportedPerson' });
export type ImportedPerson = z.infer<typeof ImportedPerson>;

/** One row of a list the office imported from the insurer's file (docs/decisions/025-imported-lists-belong-to-the-office.md). */
export const ImportedItem = z
  .strictObject({
    id,
    memberId: id,
    householdId: id,
    relation: z.enum(RELATIONS),
    documentKind: z.enum(DOCUMENT_KINDS),
    reason: z.enum(RECALL_REASONS),
    /** '' for an old 健康保険証 without a 発行No. (keyed by 記号・番号・枝番 instead). */
    issueNo: storableText(z.string().max(32)),
    issuedOn: recordDate,
    expiresOn: recordDate.nullable(),
    lossDate: recordDate.nullable(),
    dueDate: recordDate,
    /** Null in the outbox (never personal data in clear there); filled in from the sealed item when sent. */
    person: ImportedPerson.nullable(),
  })
  .meta({ id: 'ImportedItem' });
export type ImportedItem = z.infer<typeof ImportedItem>;

/**
 * The office imported an insurer's list from a file on a tablet: the insurer stores it as the office's
 * list (source `import`), and every tablet of the office pulls it. A large import is sent as several
 * mutations with the same list (`part` of `parts`), each checked whole before anything is written.
 */
export const ListImported = z.strictObject({
  ...mutationBase,
  type: z.literal('list.imported'),
  payload: z.strictObject({
    list: z.strictObject({
      id: id.regex(/^import-/, 'an imported list id starts with import-'),
      title: storableText(z.string().trim().min(1).max(100)),
      period: z.string().regex(/^\d{4}-\d{2}$/),
      receivedAt: instant,
    }),
    part: z.number().int().min(1).max(1000),
    parts: z.number().int().min(1).max(1000),
    items: z
      .array(ImportedItem)
      .min(1)
      .max(IMPORT_ITEMS_MAX)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'an item appears once'),
  }),
});
export type ListImported = z.infer<typeof ListImported>;

/**
 * The coded columns of an imported file whose wordings the clerk maps (src/domain/csv/values.ts keeps
 * the same list; repeated here so the API contract loads none of the import code).
 */
export const VALUE_MAPPING_FIELDS = ['reason', 'relation', 'sex', 'documentKind'] as const;
const VALUE_MAPPING_CODES: Readonly<Record<(typeof VALUE_MAPPING_FIELDS)[number], readonly string[]>> = {
  reason: RECALL_REASONS,
  relation: RELATIONS,
  sex: ['male', 'female'],
  documentKind: DOCUMENT_KINDS,
};
/** One answer: this insurer's wording (folded, as valueKey makes it) means this value of the app. */
export const ValueMappingAnswer = z
  .strictObject({
    field: z.enum(VALUE_MAPPING_FIELDS),
    key: storableText(z.string().min(1).max(200)),
    value: z.string().max(40),
  })
  .refine((answer) => VALUE_MAPPING_CODES[answer.field].includes(answer.value), {
    message: 'one of the values of the field',
    path: ['value'],
  })
  .meta({ id: 'ValueMappingAnswer' });
export type ValueMappingAnswer = z.infer<typeof ValueMappingAnswer>;
export const VALUE_MAPPING_ANSWERS_MAX = 200;
/** Some answers at once, each wording once: a tablet's push and the insurer's PUT carry the same. */
export const ValueMappingAnswers = z
  .array(ValueMappingAnswer)
  .min(1)
  .max(VALUE_MAPPING_ANSWERS_MAX)
  .refine(
    (answers) => new Set(answers.map((a) => `${a.field}\u0000${a.key}`)).size === answers.length,
    'a wording appears once',
  );
/**
 * The clerk mapped an insurer's wordings on a tablet (issue 17): the office keeps the answers, the
 * latest per wording winning (docs/decisions/025), and its other tablets read them when they import.
 */
export const ValueMappingSet = z.strictObject({
  ...mutationBase,
  type: z.literal('value_mapping.set'),
  payload: z.strictObject({ answers: ValueMappingAnswers }),
});
export type ValueMappingSet = z.infer<typeof ValueMappingSet>;
/** GET /value-mappings: the office's answers, each as last set from any tablet. */
export const ValueMappings = z
  .object({
    answers: z.array(
      z.object({ field: z.enum(VALUE_MAPPING_FIELDS), key: z.string(), value: z.string(), setAt: instant }),
    ),
  })
  .meta({ id: 'ValueMappings' });
export type ValueMappings = z.infer<typeof ValueMappings>;

export const Mutation = z
  .discriminatedUnion('type', [
    ItemReturned,
    ItemReopened,
    ItemUnreturnable,
    MemberLanguageSet,
    NoticeDelivered,
    ReportSubmitted,
    HrEventRecorded,
    OfficeProfileUpdated,
    ListImported,
    ValueMappingSet,
  ])
  .meta({ id: 'Mutation' });
export type ItemMutation =
  | z.infer<typeof ItemReturned>
  | z.infer<typeof ItemReopened>
  | z.infer<typeof ItemUnreturnable>;
export type Mutation = z.infer<typeof Mutation>;

export { PUSH_BATCH_MAX };
export const PushRequest = z
  .strictObject({ deviceId: z.uuid(), mutations: z.array(Mutation).min(1).max(PUSH_BATCH_MAX) })
  .meta({ id: 'PushRequest' });
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z
  .object({
    id: z.uuid(),
    status: z.enum(['applied', 'duplicate', 'rejected']),
    /** For rejected: a machine code the client translates (e.g. "item_not_found"). */
    reason: z.string().optional(),
  })
  .meta({ id: 'MutationResult' });
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) }).meta({ id: 'PushResponse' });
export type PushResponse = z.infer<typeof PushResponse>;

/** RFC 9457 problem details; `code` is stable and translated by the client. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          /** A CSV upload's problems: the file's physical line (the header is line 1) … */
          line: z.number().int().optional(),
          /** … and the importer's stable error code (src/domain/csv/errors.ts). */
          code: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

/** The insurer's record of one report (GET /reports/:id), scoped to the signed-in office. */
export const StoredReport = z
  .object({
    id: z.uuid(),
    form: z.enum(REPORT_FORMS),
    listId: id.nullable(),
    period: z.string().nullable(),
    itemIds: z.array(id),
    createdAt: instant,
    receivedAt: instant,
  })
  .meta({ id: 'StoredReport' });
export type StoredReport = z.infer<typeof StoredReport>;

export const Health = z.object({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' });
