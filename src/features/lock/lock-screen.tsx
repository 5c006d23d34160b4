import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './lock.css';
import { db, getMeta } from '../../db/db';
import { SUGGEST_FORGOT_AFTER, unlockVault } from '../../db/vault';
import { syncEngine } from '../../sync/sync-service';
import { HandOver } from './hand-over';
import { PasscodeField } from './passcode-field';

/** Seconds left before the next try, re-rendered every second while a wait is on. */
function useSecondsUntil(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at <= Date.now()) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return Math.max(0, Math.ceil((at - now) / 1_000));
}

/**
 * Shown whenever the data key is not in memory: on start, after a lock or an auto-lock. It shows no
 * personal data (the office name is in the header); the changes made before the lock keep being
 * pushed meanwhile, since pushing needs no personal data.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const messageId = useId();
  const [passcode, setPasscode] = useState('');
  const [checking, setChecking] = useState(false);
  const [wrong, setWrong] = useState(false);
  const [forgot, setForgot] = useState(false);
  const failures = useLiveQuery(() => getMeta('unlockFailures'), []);
  const retryAt = failures?.retryAt ?? 0;
  const seconds = useSecondsUntil(retryAt);
  const count = failures?.count ?? 0;
  const forgotHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (forgot) forgotHeading.current?.focus();
  }, [forgot]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passcode || checking || seconds > 0) return;
    setChecking(true);
    const result = await unlockVault(db, passcode);
    setChecking(false);
    setPasscode('');
    setWrong(!result.ok && result.reason === 'wrong');
    if (result.ok) void syncEngine.syncNow();
  };

  if (forgot)
    return (
      <section className="lock-screen">
        <h1 ref={forgotHeading} tabIndex={-1}>
          {t('lock.forgot.title')}
        </h1>
        <HandOver mode="forgot" onCancel={() => setForgot(false)} />
      </section>
    );

  return (
    <section className="lock-screen">
      <h1>{t('lock.locked.title')}</h1>
      <p>{t('lock.locked.lead')}</p>
      <form onSubmit={onSubmit} noValidate>
        <PasscodeField
          label={t('lock.locked.passcode')}
          value={passcode}
          onChange={setPasscode}
          autoComplete="current-password"
          invalid={wrong}
          describedBy={wrong || seconds > 0 ? messageId : undefined}
          autoFocus
        />
        {(wrong || seconds > 0) && (
          <p id={messageId} className="form-error" role="alert">
            {wrong && `${t('lock.locked.wrong')} `}
            {seconds > 0 ? t('lock.locked.wait', { count: seconds }) : t('lock.locked.tryAgain')}
          </p>
        )}
        {count >= SUGGEST_FORGOT_AFTER && <p className="lock-hint">{t('lock.locked.suggestForgot', { count })}</p>}
        <button className="button primary wide" type="submit" disabled={checking || seconds > 0 || !passcode}>
          {checking ? t('lock.locked.checking') : t('lock.locked.unlock')}
        </button>
      </form>
      <button type="button" className="button secondary wide forgot-button" onClick={() => setForgot(true)}>
        {t('lock.forgot.open')}
      </button>
    </section>
  );
}
