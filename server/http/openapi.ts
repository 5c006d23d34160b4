import { z } from 'zod';
import {
  Health,
  Problem,
  PULL_PAGE_MAX,
  PullResponse,
  PushRequest,
  PushResponse,
  SignInRequest,
  SignInResponse,
  StoredReport,
  ValueMappings,
} from '../../src/api/schemas';
import { INSURER_CONTRACT, insurerPaths, STAFF_SECURITY_SCHEME } from '../insurer/openapi-paths';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const TOKEN_SCOPE = 'A push token (code token_scope): it opens only POST /sync/push and POST /auth/sign-out';

/**
 * What any route may answer besides its own statuses (issue 18: every status a route can answer is
 * declared): a URL over the length limit, a body over the size limit (checked on every route, even
 * one that takes none), the database unavailable, and an unexpected failure.
 */
const ANY_ROUTE = {
  '413': problem('Body too large (code payload_too_large)'),
  '414': problem('URL too long (code uri_too_long)'),
  '500': problem('Unexpected failure on the server (code internal_error)'),
  '503': problem('The database is unavailable; send the request again later (code unavailable)'),
};
/** A foreign origin's preflight is refused unless ALLOWED_ORIGINS names it. */
const PREFLIGHT = {
  options: {
    operationId: undefined as string | undefined,
    security: [],
    responses: {
      '204': { description: 'Preflight of an allowed origin (ALLOWED_ORIGINS)' },
      '403': problem('Preflight of a foreign origin that is not allowed (code origin_not_allowed)'),
    },
  },
};

/** Adds the statuses any route may answer and the preflight to each path. */
type Operation = { operationId?: string; responses: object; [field: string]: unknown };
function withCommonAnswers(paths: Record<string, Record<string, Operation>>) {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => {
      const withAny = Object.fromEntries(
        Object.entries(operations).map(([method, op]) => [
          method,
          { ...op, responses: { ...ANY_ROUTE, ...op.responses } },
        ]),
      );
      const name = Object.values(operations)[0]?.operationId ?? path;
      return [path, { ...withAny, options: { ...PREFLIGHT.options, operationId: `${name}Preflight` } }];
    }),
  );
}

/**
 * Component schemas: every contract schema registered with `.meta({ id })`. Importing the schemas
 * above is what registers them; the list keeps the import from being dropped as unused.
 */
const CONTRACT = [
  Health,
  Problem,
  PullResponse,
  PushRequest,
  PushResponse,
  SignInRequest,
  SignInResponse,
  StoredReport,
  ValueMappings,
  ...INSURER_CONTRACT,
];

function componentSchemas(): Record<string, unknown> {
  if (CONTRACT.some((s) => !z.globalRegistry.has(s))) throw new Error('contract schema without an id');
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // OpenAPI 3.1 takes 2020-12 schemas as they are; the per-schema $schema/$id are noise there.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

/** Built once: the document only changes with the code. */
let cached: Record<string, unknown> | undefined;

export function openApiDocument(version: string): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Shikaku recall insurer API',
      version,
      description:
        "Recall lists of 資格確認書 for employer offices, and the offices' collection ticks (offline-first sync).",
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: withCommonAnswers({
      '/health': {
        get: {
          operationId: 'health',
          security: [],
          responses: { '200': { description: 'Service is up', content: json('Health') } },
        },
      },
      '/auth/sign-in': {
        post: {
          operationId: 'signIn',
          security: [],
          requestBody: { required: true, content: json('SignInRequest') },
          responses: {
            '200': {
              description: 'Signed in: a full token and, of the same session, a push token that only pushes',
              content: json('SignInResponse'),
            },
            '400': problem('Body does not match the schema'),
            '401': problem('Office code or access code is wrong (code invalid_credentials)'),
            '413': problem('Body too large'),
            '415': problem('Body is not application/json'),
            '429': problem(
              'Sign-in paused for this office code or this address after too many tries (code sign_in_locked); see Retry-After',
            ),
          },
        },
      },
      '/auth/sign-out': {
        post: {
          operationId: 'signOut',
          responses: {
            '204': {
              description:
                'The session is revoked (with its full token or its push token); both are refused from now on',
            },
            '401': problem('Missing, unknown, expired or revoked token'),
          },
        },
      },
      '/sync/pull': {
        get: {
          operationId: 'pull',
          parameters: [
            {
              name: 'cursor',
              in: 'query',
              required: false,
              description: 'The cursor of the previous page; absent or "0" = from the start',
              schema: { type: 'string', pattern: '^\\d{1,18}$' },
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              description: 'Maximum lists + items in this page (default 500)',
              schema: { type: 'integer', minimum: 1, maximum: PULL_PAGE_MAX },
            },
          ],
          responses: {
            '200': { description: 'Changes since the cursor, oldest first', content: json('PullResponse') },
            '400': problem('Invalid query'),
            '401': problem('Missing, unknown, expired or revoked token'),
            '403': problem(TOKEN_SCOPE),
          },
        },
      },
      '/sync/push': {
        post: {
          operationId: 'push',
          requestBody: { required: true, content: json('PushRequest') },
          responses: {
            '200': { description: 'One result per mutation, in order', content: json('PushResponse') },
            '400': problem('Body does not match the schema'),
            '401': problem('Missing, unknown, expired or revoked token'),
            '413': problem('Body too large'),
            '415': problem('Body is not application/json'),
          },
        },
      },
      '/reports/{id}': {
        get: {
          operationId: 'getReport',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': {
              description: 'The report of this office, with exactly its item ids',
              content: json('StoredReport'),
            },
            '401': problem('Missing, unknown, expired or revoked token'),
            '403': problem(TOKEN_SCOPE),
            '404': problem('No report with this id for this office'),
          },
        },
      },
      '/value-mappings': {
        get: {
          operationId: 'getValueMappings',
          responses: {
            '200': {
              description: "The office's answers for its insurer's wordings in imported files, the latest per wording",
              content: json('ValueMappings'),
            },
            '401': problem('Missing, unknown, expired or revoked token'),
            '403': problem(TOKEN_SCOPE),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          security: [],
          responses: { '200': { description: 'This document', content: { 'application/json': {} } } },
        },
      },
      // The insurer staff's routes (issue 20).
      ...insurerPaths(),
    }),
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'token from /auth/sign-in; its pushToken is accepted by /sync/push and /auth/sign-out only',
        },
        staffBearer: STAFF_SECURITY_SCHEME,
      },
    },
  };
  return cached;
}
