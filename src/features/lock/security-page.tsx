import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './lock.css';
import { db, getMeta, setMeta } from '../../db/db';
import { DEFAULT_RETENTION_DAYS } from '../../domain/retention';
import { AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES } from './auto-lock';
import { HandOver } from './hand-over';

/** Days a finished, reported and synced item stays on the tablet (src/domain/retention.ts). */
const RETENTION_CHOICES = [7, 14, 30, 60, 90] as const;

/** 端末の安全: when the tablet locks itself, and handing it over / signing out. */
export function SecurityPage() {
  const { t } = useTranslation();
  const selectId = useId();
  const stored = useLiveQuery(() => getMeta('autoLockMinutes'), []);
  const minutes = stored ?? DEFAULT_AUTO_LOCK_MINUTES;
  const storedDays = useLiveQuery(() => getMeta('retentionDays'), []);
  const days = storedDays ?? DEFAULT_RETENTION_DAYS;

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
      <section aria-labelledby={`${selectId}-r`}>
        <h2 id={`${selectId}-r`}>{t('lock.security.retention')}</h2>
        <label className="field">
          <span>{t('lock.security.retentionDays')}</span>
          <select
            className="auto-lock-select"
            value={days}
            onChange={(event) => void setMeta('retentionDays', Number(event.target.value), db)}
          >
            {RETENTION_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t('lock.security.days', { count: choice })}
              </option>
            ))}
          </select>
        </label>
        <p>{t('lock.security.retentionNote')}</p>
      </section>
      <section aria-labelledby={`${selectId}-ho`}>
        <h2 id={`${selectId}-ho`}>{t('lock.handOver.title')}</h2>
        <HandOver mode="sign-out" />
      </section>
    </section>
  );
}
