import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { SignInRequest } from '../../api/schemas';
import { isSignInAgain } from './sign-in-again';

async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const again = isSignInAgain(useLocation().state);
  const errorId = useId();
  const [officeCode, setOfficeCode] = useState('');
  const [accessCode, setAccessCode] = useState('');

  const signIn = useMutation({
    networkMode: 'always',
    mutationFn: async (credentials: SignInRequest) => {
      // The database and the sync engine are not needed to show this page, so a first visit on a
      // slow network paints without them; by the time the codes are typed the service worker has
      // usually cached them.
      const [{ db, getMeta }, { keepSignIn }, { api, syncEngine }] = await Promise.all([
        import('../../db/db'),
        import('../../db/session-token'),
        import('../../sync/sync-service'),
      ]);
      const previous = await getMeta('session', db);
      const session = await api.signIn(credentials);
      // A session the tablet still holds (the page was reloaded before its passcode was set, so its
      // full token is gone) would stay valid at the insurer for up to 30 days: revoke it with its push
      // token, while that is still what the tablet keeps. Offline or refused, sign-in goes on.
      if (previous) await api.signOut().catch(() => null);
      await keepSignIn(db, session);
      // Ask the browser not to evict the clerk's unsynced work under storage pressure.
      await requestPersistentStorage();
      return { session, syncEngine };
    },
    onSuccess: ({ syncEngine }) => {
      void syncEngine.syncNow();
      navigate('/', { replace: true });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ officeCode: officeCode.trim(), accessCode });
  };
  const errorCode = signIn.error instanceof ApiError ? signIn.error.code : signIn.error ? 'network_error' : null;

  return (
    <section className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {again && (
        <p className="form-error" role="status">
          {t('signIn.again')}
        </p>
      )}
      <p>{t('signIn.lead')}</p>
      <form onSubmit={onSubmit} noValidate aria-describedby={errorCode ? errorId : undefined}>
        <label className="field">
          <span>{t('signIn.officeCode')}</span>
          <input
            name="officeCode"
            autoComplete="username"
            autoCapitalize="characters"
            required
            value={officeCode}
            onChange={(event) => setOfficeCode(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('signIn.accessCode')}</span>
          <input
            name="accessCode"
            type="password"
            autoComplete="current-password"
            required
            value={accessCode}
            onChange={(event) => setAccessCode(event.target.value)}
          />
        </label>
        {errorCode && (
          <p id={errorId} className="form-error" role="alert">
            {t(`errors.${errorCode}`, { defaultValue: t('errors.unknown') })}
          </p>
        )}
        <button
          className="button primary wide"
          type="submit"
          disabled={signIn.isPending || !officeCode.trim() || !accessCode}
        >
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
