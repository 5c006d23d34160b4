import { RequestError } from '@hono/node-server';
import { ProblemError, problemBody } from './problem';

/**
 * Answers for requests the Node adapter cannot turn into a Request at all (a backslash in the path,
 * `*` or another non-path target, a bad Host header), or whose handler failed outside the app's own
 * error handling: problem+json like every other error, instead of the adapter's empty or text/plain
 * answer. The app's middleware never ran, so the few headers every answer carries are set here.
 */
export function adapterErrorResponse(err: unknown): Response {
  const problem =
    err instanceof RequestError
      ? new ProblemError(400, 'bad_request', 'The request target cannot be read', 'Send a path of the API')
      : new ProblemError(500, 'internal_error', 'Something went wrong on the server');
  return new Response(JSON.stringify(problemBody(problem)), {
    status: problem.status,
    headers: {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
