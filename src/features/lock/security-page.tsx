import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './lock.css';
import { db, getMeta, setMeta } from '../../db/db';
import { AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES } from './auto-lock';
import { HandOver } from './hand-over';

/** 端末の安全: when the tablet locks itself, and handing it over / signing out. */
export function SecurityPage() {
  const { t } = useTranslation();
  const selectId = useId();
  const stored = useLiveQuery(() => getMeta('autoLockMinutes'), []);
  const minutes = stored ?? DEFAULT_AUTO_LOCK_MINUTES;

  return (
    <section className="security-page">
      <h1>{t('lock.security.title')}</h1>
      <section aria-labelledby={`${selectId}-h`}>
        <h2 id={`${selectId}-h`}>{t('lock.security.autoLock')}</h2>
        <label className="field">
          <span>{t('lock.security.idleMinutes')}</span>
          <select
            className="auto-lock-select"
            value={minutes}
            onChange={(event) => void setMeta('autoLockMinutes', Number(event.target.value), db)}
          >
            {AUTO_LOCK_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t('lock.security.minutes', { count: choice })}
              </option>
            ))}
          </select>
        </label>
        <p>{t('lock.security.hiddenNote')}</p>
      </section>
      <section aria-labelledby={`${selectId}-ho`}>
        <h2 id={`${selectId}-ho`}>{t('lock.handOver.title')}</h2>
        <HandOver mode="sign-out" />
      </section>
    </section>
  );
}
