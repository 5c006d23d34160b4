import { z } from 'zod';
import { DOCUMENT_KINDS, HOLDER_REASONS, INSURER_KINDS, RECALL_REASONS, RELATIONS } from '../domain/recall';
import { REPORT_FORMS } from '../domain/reports/report-forms';
import { NoticeLanguage, ValueMappingAnswers, ValueMappings } from './schemas';

/**
 * The insurer staff's half of the API contract (/api/v1/insurer/..., docs/decisions/020-insurer-side.md),
 * shared by the server, the CLI (scripts/insurer-cli.ts) and the insurer console. Kept apart from
 * schemas.ts, which is the tablets' contract.
 */

const instant = z.iso.datetime({ offset: false });
const calendarDate = z.iso.date();
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const officeCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only');

export const StaffSignInRequest = z
  .strictObject({
    login: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ., _ and - only'),
    password: z.string().min(1).max(128),
  })
  .meta({ id: 'StaffSignInRequest' });
export type StaffSignInRequest = z.infer<typeof StaffSignInRequest>;

export const StaffSignInResponse = z
  .object({
    /** Opens only /api/v1/insurer/... routes; the tablets' routes answer 401 to it. */
    token: z.string(),
    expiresAt: instant,
    insurer: z.object({ id: z.string(), name: z.string(), number: z.string(), kind: z.enum(INSURER_KINDS) }),
    login: z.string(),
  })
  .meta({ id: 'StaffSignInResponse' });
export type StaffSignInResponse = z.infer<typeof StaffSignInResponse>;

export const EnrolOfficeRequest = z
  .strictObject({
    /** The code the office signs in with on its tablets. */
    code: officeCode,
    /** 事業所整理記号 (e.g. 01-イロハ) and 事業所番号, as the insurer files them. */
    officeSymbol: z.string().trim().min(1).max(20),
    officeNumber: z
      .string()
      .trim()
      .regex(/^\d{1,10}$/, 'digits only'),
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().min(1).max(200),
  })
  .meta({ id: 'EnrolOfficeRequest' });
export type EnrolOfficeRequest = z.infer<typeof EnrolOfficeRequest>;

export const StaffOffice = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    officeSymbol: z.string().nullable(),
    officeNumber: z.string().nullable(),
    address: z.string().nullable(),
    insurerKind: z.enum(INSURER_KINDS),
    disabled: z.boolean(),
  })
  .meta({ id: 'StaffOffice' });
export type StaffOffice = z.infer<typeof StaffOffice>;

/** The new access code, in clear this once: the server keeps only its hash. */
export const AccessCodeIssued = z
  .object({ office: StaffOffice, accessCode: z.string() })
  .meta({ id: 'AccessCodeIssued' });
export type AccessCodeIssued = z.infer<typeof AccessCodeIssued>;

/** One row of the insurer's monthly list: one document of one member to collect. */
export const PublishRow = z.strictObject({
  officeCode,
  /** 記号・番号・枝番 as printed; with the office they name the member (枝番 00 = 被保険者). */
  symbol: z.string().trim().min(1).max(20),
  number: z.string().trim().min(1).max(20),
  branch: z.string().regex(/^\d{2}$/, 'two digits'),
  relation: z.enum(RELATIONS),
  name: z.string().trim().min(1).max(100),
  kana: z.string().trim().min(1).max(100),
  birthDate: calendarDate,
  sex: z.enum(['male', 'female']),
  preferredLanguage: NoticeLanguage.optional(),
  holderReason: z.enum(HOLDER_REASONS).nullable().optional(),
  documentKind: z.enum(DOCUMENT_KINDS),
  reason: z.enum(RECALL_REASONS),
  issueNo: z.string().trim().min(1).max(40),
  issuedOn: calendarDate,
  expiresOn: calendarDate.nullable().optional(),
  lossDate: calendarDate.nullable().optional(),
  noticeArrivedOn: calendarDate.nullable().optional(),
  dueDate: calendarDate,
});
export type PublishRow = z.infer<typeof PublishRow>;

/** Most rows one upload may carry (the body limit of the publish route is sized for it). */
export const PUBLISH_ROWS_MAX = 20_000;

export const PublishRequest = z
  .strictObject({
    period,
    title: z.string().trim().min(1).max(100),
    rows: z.array(PublishRow).min(1).max(PUBLISH_ROWS_MAX),
  })
  .meta({ id: 'PublishRequest' });
export type PublishRequest = z.infer<typeof PublishRequest>;

export const PublishResponse = z
  .object({
    /** sha256 of the upload (or of its Idempotency-Key): the same upload again publishes nothing. */
    uploadKey: z.string(),
    offices: z.array(
      z.object({
        officeCode: z.string(),
        listId: z.string(),
        items: z.number().int(),
        /** false when this upload had already published this office's list. */
        published: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PublishResponse' });
export type PublishResponse = z.infer<typeof PublishResponse>;

export const SummaryQuery = z.strictObject({ period: period.optional(), format: z.enum(['json', 'csv']).optional() });

export const OfficeMonth = z
  .object({
    officeCode: z.string(),
    officeName: z.string(),
    period: z.string(),
    toCollect: z.number().int(),
    returned: z.number().int(),
    cannotCollect: z.number().int(),
    /** To collect and past the due date (Japan time). */
    overdue: z.number().int(),
    reports: z.number().int(),
    envelopes: z.number().int(),
  })
  .meta({ id: 'OfficeMonth' });
export type OfficeMonth = z.infer<typeof OfficeMonth>;

export const SummaryResponse = z.object({ rows: z.array(OfficeMonth) }).meta({ id: 'SummaryResponse' });
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const StaffReport = z
  .object({
    id: z.uuid(),
    form: z.enum(REPORT_FORMS),
    listId: z.string().nullable(),
    period: z.string().nullable(),
    itemCount: z.number().int(),
    createdAt: instant,
    receivedAt: instant,
    envelopeReceivedAt: instant.nullable(),
    envelopeCount: z.number().int().nullable(),
  })
  .meta({ id: 'StaffReport' });
export type StaffReport = z.infer<typeof StaffReport>;

export const StaffReportsResponse = z.object({ reports: z.array(StaffReport) }).meta({ id: 'StaffReportsResponse' });
export type StaffReportsResponse = z.infer<typeof StaffReportsResponse>;

export const EnvelopeRequest = z
  .strictObject({
    /** How many certificates were in the envelope; must equal the report's item count. */
    count: z.number().int().min(0).max(100_000),
  })
  .meta({ id: 'EnvelopeRequest' });
export type EnvelopeRequest = z.infer<typeof EnvelopeRequest>;

/**
 * The insurer's own wordings in its monthly file (被扶養者削除, 新しい資格確認書の交付…), each answered once
 * with the app's value (issue 20: "the same formats and value mapping as the tablet's import"): a CSV
 * publish reads them like the tablet's import reads the clerk's answers, and the insurer's offices'
 * tablets get them as defaults for their own imports (docs/decisions/032).
 */
export const InsurerValueMappingsRequest = z
  .strictObject({ answers: ValueMappingAnswers })
  .meta({ id: 'InsurerValueMappingsRequest' });
export type InsurerValueMappingsRequest = z.infer<typeof InsurerValueMappingsRequest>;
/** The insurer's answers, in the shape a tablet reads the office's (GET /api/v1/value-mappings). */
export const InsurerValueMappings = ValueMappings;
export type InsurerValueMappings = ValueMappings;
