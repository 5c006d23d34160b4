import type { Context } from 'hono';
import type { z } from 'zod';
import { problems, validationProblem } from './problem';

/**
 * Reads and validates a JSON body. Every failure becomes a 4xx problem (never a 500): wrong
 * content type → 415, unparsable → 400 malformed_json, schema mismatch → 400 with per-field errors.
 * The size limit is enforced before this by the bodyLimit middleware (413).
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  const mediaType = type.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') throw problems.unsupportedMediaType();
  // Read outside the try: a body over the limit throws bodyLimit's own error, which must reach it.
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw problems.malformedJson();
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationProblem(parsed.error, 'The JSON body is not valid for this endpoint');
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationProblem(parsed.error, 'The query string is not valid for this endpoint');
  return parsed.data;
}
