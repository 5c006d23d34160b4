import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_MEMBER_LEAD_DAYS } from '../../domain/member-return-by';

/**
 * How many working days before the office must file a 届 a member is asked to hand the certificate in
 * (docs/domain.md, memberReturnBy): an office setting, kept on this tablet per office like the other
 * notice settings. 0–10; anything else reads as the default.
 */
const key = (officeId: string) => `member-lead-days:${officeId}`;
export const LEAD_DAYS_MAX = 10;
const CHOICES = Array.from({ length: LEAD_DAYS_MAX + 1 }, (_, days) => days);

export function loadLeadDays(officeId: string): number {
  const raw = Number(globalThis.localStorage?.getItem(key(officeId)) ?? Number.NaN);
  return Number.isInteger(raw) && raw >= 0 && raw <= LEAD_DAYS_MAX ? raw : DEFAULT_MEMBER_LEAD_DAYS;
}

export function useLeadDays(officeId: string): [number, (days: number) => void] {
  const [days, setDays] = useState(() => loadLeadDays(officeId));
  // The office is known only once the session is read.
  useEffect(() => setDays(loadLeadDays(officeId)), [officeId]);
  const save = (next: number) => {
    if (!Number.isInteger(next) || next < 0 || next > LEAD_DAYS_MAX) return;
    globalThis.localStorage?.setItem(key(officeId), String(next));
    setDays(next);
  };
  return [days, save];
}

export function LeadDaysField({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const { t } = useTranslation();
  return (
    <label className="notices-field">
      <span>{t('notices.leadDaysLabel')}</span>
      <select value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {CHOICES.map((days) => (
          <option key={days} value={days}>
            {t('notices.leadDaysOption', { count: days })}
          </option>
        ))}
      </select>
    </label>
  );
}
