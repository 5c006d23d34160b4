/**
 * Limits of the API that code without the schemas needs. Kept apart from schemas.ts because the
 * service worker's bundle imports them: a value import of schemas.ts brings the whole of zod into
 * sw.js (72 kB gzip against its 50 kB budget), as zod's schema constructions cannot be tree-shaken.
 */

/** Mutations per push request: the most the server takes in one. */
export const PUSH_BATCH_MAX = 500;
