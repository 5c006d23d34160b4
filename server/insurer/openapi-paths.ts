import {
  AccessCodeIssued,
  EnrolOfficeRequest,
  EnvelopeRequest,
  InsurerValueMappingsRequest,
  PublishRequest,
  PublishResponse,
  StaffReportsResponse,
  StaffSignInRequest,
  StaffSignInResponse,
  SummaryResponse,
} from '../../src/api/insurer-schemas';

/**
 * The insurer staff's routes in the OpenAPI document (server/http/openapi.ts spreads these in), each
 * with its own examples. Demo values only: the demo staff of the 健康保険組合 and its office DEMO-1.
 */
export const INSURER_CONTRACT = [
  AccessCodeIssued,
  EnrolOfficeRequest,
  EnvelopeRequest,
  InsurerValueMappingsRequest,
  PublishRequest,
  PublishResponse,
  StaffReportsResponse,
  StaffSignInRequest,
  StaffSignInResponse,
  SummaryResponse,
];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, example?: unknown) => ({
  'application/json': { schema: ref(id), ...(example === undefined ? {} : { example }) },
});
const problem = (description: string, example?: unknown) => ({
  description,
  content: {
    'application/problem+json': { schema: ref('Problem'), ...(example === undefined ? {} : { example }) },
  },
});
const STAFF = [{ staffBearer: [] }];
const UNAUTHORIZED = problem('Missing, unknown, expired or revoked staff token; every office token is refused here', {
  type: 'https://shikaku-recall.example/problems/unauthorized',
  title: 'Sign-in required',
  status: 401,
  code: 'unauthorized',
  detail: 'Missing, unknown, expired or revoked token',
});
const NOT_FOUND = problem('No office with this code at your insurer (another insurer’s office answers the same)', {
  type: 'https://shikaku-recall.example/problems/not_found',
  title: 'No such resource',
  status: 404,
  code: 'not_found',
});
const TOO_LARGE = problem('Body too large (16 KiB: staff bodies other than a publish are small forms)');
const NOT_JSON = problem('Body is not application/json');
const codeParam = {
  name: 'code',
  in: 'path',
  required: true,
  description: 'The office code its tablets sign in with',
  schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,32}$' },
  example: 'DEMO-1',
};
const periodParam = {
  name: 'period',
  in: 'query',
  required: false,
  description: 'The month (対象月), YYYY-MM',
  schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
  example: '2026-11',
};

const VALUE_MAPPINGS_EXAMPLE = {
  answers: [
    { field: 'reason', key: '扶養はずれ', value: 'lost_eligibility', setAt: '2026-11-30T01:00:00.000Z' },
    { field: 'relation', key: '組合員', value: 'self', setAt: '2026-11-30T01:00:00.000Z' },
  ],
};

const OFFICE_EXAMPLE = {
  id: 'off-5f2c9a0e1b7d4c3a',
  code: 'MINATO-42',
  name: '株式会社みなと物産',
  officeSymbol: '01-イロハ',
  officeNumber: '12345',
  address: '東京都港区芝公園1-1-1',
  insurerKind: 'kumiai',
  disabled: false,
};
const ROW_EXAMPLE = {
  officeCode: 'DEMO-1',
  symbol: '1001',
  number: '501',
  branch: '00',
  relation: 'self',
  name: '山田 太郎',
  kana: 'ヤマダ タロウ',
  birthDate: '1980-04-01',
  sex: 'male',
  documentKind: 'certificate',
  reason: 'lost_eligibility',
  issueNo: 'P-000001',
  issuedOn: '2025-12-02',
  expiresOn: '2026-12-01',
  lossDate: '2026-11-16',
  dueDate: '2026-11-20',
};
/** The insurer's monthly file: one office by its code, another by 事業所整理記号・事業所番号 would need those columns. */
const CSV_EXAMPLE = [
  '事業所コード,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限',
  'DEMO-1,P-000001,1001,501,00,山田 太郎,ヤマダ タロウ,1980/4/1,男,本人,,資格喪失,2026/11/16,2025/12/2,',
  'DEMO-1,P-000002,1001,501,01,山田 花子,ヤマダ ハナコ,昭和57年3月5日,女,家族,山田 太郎,被扶養者削除,2026/11/16,2025/12/2,',
  '',
].join('\r\n');
const REPORT_EXAMPLE = {
  id: '2f1d7c0e-8a4b-4c5d-9e6f-0a1b2c3d4e5f',
  form: 'return_notice',
  listId: 'l-3c9e1f0a2b4d6e8f0a1c3e5f',
  period: null,
  itemCount: 2,
  createdAt: '2026-11-23T09:00:00.000Z',
  receivedAt: '2026-11-23T09:00:02.000Z',
  envelopeReceivedAt: null,
  envelopeCount: null,
};

export function insurerPaths(): Record<string, unknown> {
  return {
    '/insurer/auth/sign-in': {
      post: {
        operationId: 'staffSignIn',
        tags: ['insurer'],
        security: [],
        requestBody: {
          required: true,
          content: json('StaffSignInRequest', { login: 'minato-staff', password: 'staff-pass-1' }),
        },
        responses: {
          '200': {
            description: 'Signed in: a staff token that opens only /insurer/... routes',
            content: json('StaffSignInResponse', {
              token: 'kq3X…(43 characters)',
              expiresAt: '2026-12-23T09:00:00.000Z',
              insurer: { id: 'ins-minato', name: 'みなと健康保険組合', number: '06130001', kind: 'kumiai' },
              login: 'minato-staff',
            }),
          },
          '400': problem('Body does not match the schema'),
          '401': problem('Login or password is wrong (code invalid_credentials)'),
          '413': problem('Body too large'),
          '415': problem('Body is not application/json'),
          '429': problem('Too many failed sign-ins for this login or from this address; see Retry-After'),
        },
      },
    },
    '/insurer/auth/sign-out': {
      post: {
        operationId: 'staffSignOut',
        tags: ['insurer'],
        security: STAFF,
        responses: {
          '204': { description: 'The staff session is revoked for good' },
          '401': UNAUTHORIZED,
          '413': TOO_LARGE,
        },
      },
    },
    '/insurer/offices': {
      get: {
        operationId: 'listOffices',
        tags: ['insurer'],
        security: STAFF,
        responses: {
          '200': {
            description: 'Your insurer’s offices',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { offices: { type: 'array', items: ref('StaffOffice') } } },
                example: { offices: [OFFICE_EXAMPLE] },
              },
            },
          },
          '401': UNAUTHORIZED,
        },
      },
      post: {
        operationId: 'enrolOffice',
        tags: ['insurer'],
        security: STAFF,
        requestBody: {
          required: true,
          content: json('EnrolOfficeRequest', {
            code: 'MINATO-42',
            officeSymbol: '01-イロハ',
            officeNumber: '12345',
            name: '株式会社みなと物産',
            address: '東京都港区芝公園1-1-1',
          }),
        },
        responses: {
          '201': {
            description: 'Enrolled; the access code is shown this once (only its hash is kept)',
            content: json('AccessCodeIssued', { office: OFFICE_EXAMPLE, accessCode: 'k7pm-3xqa-w9td' }),
          },
          '400': problem('Body does not match the schema'),
          '401': UNAUTHORIZED,
          '409': problem('The office code is in use (code office_code_taken)'),
          '413': TOO_LARGE,
          '415': NOT_JSON,
        },
      },
    },
    '/insurer/offices/{code}': {
      get: {
        operationId: 'getOffice',
        tags: ['insurer'],
        security: STAFF,
        parameters: [codeParam],
        responses: {
          '200': { description: 'The office', content: json('StaffOffice', OFFICE_EXAMPLE) },
          '401': UNAUTHORIZED,
          '404': NOT_FOUND,
        },
      },
    },
    '/insurer/offices/{code}/access-code': {
      post: {
        operationId: 'rotateAccessCode',
        tags: ['insurer'],
        security: STAFF,
        parameters: [codeParam],
        responses: {
          '200': {
            description:
              'A new access code, shown this once; the old one stops working, tablets already signed in stay signed in',
            content: json('AccessCodeIssued', { office: OFFICE_EXAMPLE, accessCode: 'r4hn-8bce-2mzv' }),
          },
          '401': UNAUTHORIZED,
          '404': NOT_FOUND,
          '413': TOO_LARGE,
        },
      },
    },
    '/insurer/offices/{code}/disable': {
      post: {
        operationId: 'disableOffice',
        tags: ['insurer'],
        security: STAFF,
        parameters: [codeParam],
        responses: {
          '200': {
            description: 'Disabled: no access code works and every tablet session is revoked',
            content: json('StaffOffice', { ...OFFICE_EXAMPLE, disabled: true }),
          },
          '401': UNAUTHORIZED,
          '404': NOT_FOUND,
          '413': TOO_LARGE,
        },
      },
    },
    '/insurer/publish': {
      post: {
        operationId: 'publishLists',
        tags: ['insurer'],
        security: STAFF,
        description:
          'One list per office named in the rows, each office all-or-nothing. The same upload again (same content, or the same Idempotency-Key) publishes nothing. Any bad row: 422 and nothing is published. The body is JSON, or the insurer’s monthly file as text/csv (UTF-8 with or without BOM, or Shift_JIS/CP932, detected; the columns and values of the tablet’s import, docs/formats.md, plus an office column: 事業所コード, or 事業所整理記号 and 事業所番号), with period and title in the query; a CSV’s row problems name the 1-based data row (rows.N.field), the file’s line and the importer’s error code. One upload carries at most 20,000 rows (12 MiB): a larger month is sent as parts of whole offices under one Idempotency-Key, so each office is published once whichever part carries it (`npm run insurer -- publish month.csv` does this; docs/decisions/032-set-based-publish.md).',
        parameters: [
          {
            name: 'period',
            in: 'query',
            required: false,
            description: 'CSV upload only (required with it): the month of the lists, YYYY-MM',
            schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
            example: '2026-11',
          },
          {
            name: 'title',
            in: 'query',
            required: false,
            description: 'CSV upload only (required with it): the lists’ title, 1 to 100 characters',
            schema: { type: 'string', minLength: 1, maxLength: 100 },
            example: '2026年11月分 回収対象者一覧',
          },
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Names the upload; without it the content names it',
            schema: { type: 'string', maxLength: 200 },
            example: 'minato-2026-11-001',
          },
        ],
        requestBody: {
          required: true,
          content: {
            ...json('PublishRequest', {
              period: '2026-11',
              title: '2026年11月分 回収対象者一覧',
              rows: [ROW_EXAMPLE],
            }),
            'text/csv': {
              schema: { type: 'string', format: 'binary' },
              example: CSV_EXAMPLE,
            },
          },
        },
        responses: {
          '201': {
            description: 'Published (at least one office)',
            content: json('PublishResponse', {
              uploadKey: '9b1c…(64 hex)',
              offices: [{ officeCode: 'DEMO-1', listId: 'l-3c9e1f0a2b4d6e8f0a1c3e5f', items: 1, published: true }],
            }),
          },
          '200': {
            description: 'This upload was published before: nothing new',
            content: json('PublishResponse', {
              uploadKey: '9b1c…(64 hex)',
              offices: [{ officeCode: 'DEMO-1', listId: 'l-3c9e1f0a2b4d6e8f0a1c3e5f', items: 1, published: false }],
            }),
          },
          '401': UNAUTHORIZED,
          '413': problem('Body too large (12 MiB)'),
          '400': problem('A CSV upload without a valid period or title in the query'),
          '415': problem('Body is neither application/json nor text/csv'),
          '422': problem(
            'Rows with problems, each by its path (code rows_invalid); nothing was published. A CSV may also be refused whole: csv_invalid (not a CSV, neither UTF-8 nor Shift_JIS, too many rows…) or missing_columns',
            {
              type: 'https://shikaku-recall.example/problems/rows_invalid',
              title: 'Some rows of the upload are not valid',
              status: 422,
              code: 'rows_invalid',
              detail: 'Nothing was published; fix the rows named in errors and send the whole file again',
              errors: [
                { path: 'rows.1.birthDate', message: 'Invalid ISO date' },
                { path: 'rows.2.officeCode', message: 'no enabled office of this insurer has this code' },
                {
                  path: 'rows.4.reason',
                  message: '回収理由: unknown_reason (引っ越し)',
                  line: 5,
                  code: 'unknown_reason',
                },
              ],
            },
          ),
        },
      },
    },
    '/insurer/value-mappings': {
      get: {
        operationId: 'insurerValueMappings',
        tags: ['insurer'],
        security: STAFF,
        description:
          'The insurer’s answers for its own wordings in its files: a CSV publish reads them, and its offices’ tablets take them as defaults for their own imports (the clerk’s answer still wins).',
        responses: {
          '200': {
            description: 'Every answer, by field and folded wording',
            content: json('ValueMappings', VALUE_MAPPINGS_EXAMPLE),
          },
          '401': UNAUTHORIZED,
        },
      },
      put: {
        operationId: 'setInsurerValueMappings',
        tags: ['insurer'],
        security: STAFF,
        description:
          'Answers some wordings once: each folded wording (width, case, spaces and brackets folded) of a coded column means one of the app’s values. A later answer replaces the earlier one.',
        requestBody: {
          required: true,
          content: json('InsurerValueMappingsRequest', {
            answers: [
              { field: 'reason', key: '扶養はずれ', value: 'lost_eligibility' },
              { field: 'relation', key: '組合員', value: 'self' },
            ],
          }),
        },
        responses: {
          '200': {
            description: 'Every answer after the change',
            content: json('ValueMappings', VALUE_MAPPINGS_EXAMPLE),
          },
          '400': problem('Invalid body: an unknown field, a value that is not one of the field’s, a wording twice'),
          '401': UNAUTHORIZED,
          '413': problem('Body too large (256 KiB)'),
          '415': NOT_JSON,
        },
      },
    },
    '/insurer/summary': {
      get: {
        operationId: 'returnsSummary',
        tags: ['insurer'],
        security: STAFF,
        parameters: [
          periodParam,
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json', 'csv'] },
            example: 'csv',
          },
        ],
        responses: {
          '200': {
            description: 'Per office and month: to collect, returned, cannot collect, overdue, reports, envelopes',
            content: {
              ...json('SummaryResponse', {
                rows: [
                  {
                    officeCode: 'DEMO-1',
                    officeName: '株式会社デモ商事',
                    period: '2026-11',
                    toCollect: 12,
                    returned: 30,
                    cannotCollect: 2,
                    overdue: 3,
                    reports: 2,
                    envelopes: 1,
                  },
                ],
              }),
              'text/csv': {
                schema: { type: 'string' },
                example:
                  '事業所コード,事業所名,対象月,回収待ち,返却済み,回収不能,期限超過,届出,封筒受領\r\nDEMO-1,株式会社デモ商事,2026-11,12,30,2,3,2,1\r\n',
              },
            },
          },
          '400': problem('Invalid query'),
          '401': UNAUTHORIZED,
        },
      },
    },
    '/insurer/offices/{code}/reports': {
      get: {
        operationId: 'officeReports',
        tags: ['insurer'],
        security: STAFF,
        parameters: [codeParam, periodParam],
        responses: {
          '200': {
            description: 'The office’s reports, newest first, with their item counts and envelopes',
            content: json('StaffReportsResponse', { reports: [REPORT_EXAMPLE] }),
          },
          '401': UNAUTHORIZED,
          '404': NOT_FOUND,
          '400': problem('Invalid query (period: YYYY-MM)'),
        },
      },
    },
    '/insurer/offices/{code}/reports/{reportId}/envelope': {
      post: {
        operationId: 'recordEnvelope',
        tags: ['insurer'],
        security: STAFF,
        parameters: [
          codeParam,
          { name: 'reportId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        requestBody: { required: true, content: json('EnvelopeRequest', { count: 2 }) },
        responses: {
          '200': {
            description:
              'Recorded (or recorded before); the office’s tablets see the report as received on their next pull',
            content: json('StaffReport', {
              ...REPORT_EXAMPLE,
              envelopeReceivedAt: '2026-11-25T01:30:00.000Z',
              envelopeCount: 2,
            }),
          },
          '400': problem('Body does not match the schema'),
          '401': UNAUTHORIZED,
          '404': problem('No such report of this office at your insurer'),
          '413': TOO_LARGE,
          '415': NOT_JSON,
          '422': problem('The count differs from the report’s items (code envelope_count_mismatch)', {
            type: 'https://shikaku-recall.example/problems/envelope_count_mismatch',
            title: 'The envelope does not hold as many certificates as the report lists',
            status: 422,
            code: 'envelope_count_mismatch',
            detail: 'The report lists 2',
            errors: [{ path: 'count', message: 'the report lists 2' }],
          }),
        },
      },
    },
  };
}

export const STAFF_SECURITY_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  description: 'token from /insurer/auth/sign-in; opens only /insurer/... routes',
};
