import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './lock.css';
import { db } from '../../db/db';
import { createVault, isValidPasscode } from '../../db/vault';
import { syncEngine } from '../../sync/sync-service';
import { PasscodeField } from './passcode-field';

/**
 * Right after the first sign-in, before any personal data is pulled: the clerk chooses the passcode
 * that protects this tablet's data. A tablet upgraded from a version without a passcode comes here
 * too, and its stored data is encrypted when the passcode is set.
 */
export function SetPasscodeScreen() {
  const { t } = useTranslation();
  const errorId = useId();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isValidPasscode(first)) return setError('lock.setPasscode.invalid');
    if (first !== second) return setError('lock.setPasscode.mismatch');
    setError(null);
    setSaving(true);
    try {
      await createVault(db, first);
      void syncEngine.syncNow();
    } catch {
      setError('lock.setPasscode.failed');
      setSaving(false);
    }
  };

  return (
    <section className="lock-screen">
      <h1>{t('lock.setPasscode.title')}</h1>
      <p>{t('lock.setPasscode.lead')}</p>
      <form onSubmit={onSubmit} noValidate>
        <PasscodeField
          label={t('lock.setPasscode.passcode')}
          value={first}
          onChange={setFirst}
          autoComplete="new-password"
          invalid={error === 'lock.setPasscode.invalid'}
          describedBy={error ? errorId : undefined}
          autoFocus
        />
        <PasscodeField
          label={t('lock.setPasscode.repeat')}
          value={second}
          onChange={setSecond}
          autoComplete="new-password"
          invalid={error === 'lock.setPasscode.mismatch'}
          describedBy={error ? errorId : undefined}
        />
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {t(error)}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={saving || !first || !second}>
          {saving ? t('lock.setPasscode.saving') : t('lock.setPasscode.submit')}
        </button>
      </form>
    </section>
  );
}
