import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, getMeta, setMeta } from '../../db/db';
import { EMPTY_OFFICE_PROFILE, type OfficeProfile } from '../../domain/reports/official-forms';

const FIELDS: { key: keyof OfficeProfile; type?: string; autoComplete?: string; max: number }[] = [
  { key: 'officeSymbol', max: 20 },
  { key: 'officeNumber', max: 20 },
  { key: 'name', autoComplete: 'organization', max: 100 },
  { key: 'postalCode', autoComplete: 'postal-code', max: 10 },
  { key: 'address', autoComplete: 'street-address', max: 200 },
  { key: 'ownerTitle', autoComplete: 'organization-title', max: 50 },
  { key: 'ownerName', max: 100 },
  { key: 'phone', type: 'tel', autoComplete: 'tel', max: 40 },
  { key: 'sharoushi', max: 100 },
];

/**
 * The office as every official form prints it, kept on this tablet (meta `officeProfile`). The insurer
 * enrols the 事業所整理記号・事業所番号・所在地 (server migration 011) but sign-in and pull do not send them
 * yet, so the clerk types them once; the office name is prefilled from the sign-in.
 */
export function useOfficeProfile(): OfficeProfile | undefined {
  return useLiveQuery(async () => {
    const stored = await getMeta('officeProfile');
    if (stored) return { ...EMPTY_OFFICE_PROFILE, ...stored };
    const session = await getMeta('session');
    return { ...EMPTY_OFFICE_PROFILE, name: session?.office.name ?? '' };
  });
}

export function OfficeProfileForm() {
  const { t } = useTranslation();
  const stored = useOfficeProfile();
  const [profile, setProfile] = useState<OfficeProfile>(EMPTY_OFFICE_PROFILE);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (stored) setProfile(stored);
  }, [stored]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = Object.fromEntries(
      Object.entries(profile).map(([key, value]) => [key, value.trim()]),
    ) as OfficeProfile;
    await setMeta('officeProfile', trimmed, db);
    setSaved(true);
  };
  return (
    <form className="report-section office-profile" onSubmit={save} aria-labelledby="office-profile-title">
      <h2 id="office-profile-title">{t('officialForms.officeTitle')}</h2>
      <p>{t('officialForms.officeIntro')}</p>
      <div className="clerk-fields">
        {FIELDS.map((field) => (
          <label className="field" key={field.key}>
            <span>{t(`officialForms.office.${field.key}`)}</span>
            <input
              name={field.key}
              value={profile[field.key]}
              type={field.type ?? 'text'}
              maxLength={field.max}
              autoComplete={field.autoComplete ?? 'off'}
              onChange={(e) => {
                setProfile({ ...profile, [field.key]: e.target.value });
                setSaved(false);
              }}
            />
          </label>
        ))}
        <div className="field">
          <button type="submit" className="button secondary">
            {t('officialForms.officeSave')}
          </button>
        </div>
      </div>
      <p role="status">{saved ? t('officialForms.officeSaved') : ''}</p>
    </form>
  );
}
