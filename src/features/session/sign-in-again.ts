/**
 * Router state of a redirect to /sign-in made because the session cannot read any more (its full
 * token is lost): the sign-in page says why. In router state, not the URL.
 */
export const SIGN_IN_AGAIN = { signInAgain: true } as const;

export function isSignInAgain(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { signInAgain?: unknown }).signInAgain === true;
}
