import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../../db/db';
import { readOfficeProfile, saveOfficeProfile } from '../../db/office-profile';
import { OFFICE_PROFILE_MAX, type OfficeProfileField } from '../../domain/reports/office-profile';
import { EMPTY_OFFICE_PROFILE, type OfficeProfile } from '../../domain/reports/official-forms';

const FIELDS: { key: OfficeProfileField; type?: string; autoComplete?: string }[] = [
  { key: 'officeSymbol' },
  { key: 'officeNumber' },
  { key: 'name', autoComplete: 'organization' },
  { key: 'postalCode', autoComplete: 'postal-code' },
  { key: 'address', autoComplete: 'street-address' },
  { key: 'ownerTitle', autoComplete: 'organization-title' },
  { key: 'ownerName' },
  { key: 'phone', type: 'tel', autoComplete: 'tel' },
  { key: 'sharoushi' },
];

/**
 * The office as every official form prints it (docs/decisions/024-office-profile-sync.md): the
 * insurer's enrolment (事業所整理記号・事業所番号・名称・所在地) from sign-in and pull, and the clerks' edits,
 * shared by every tablet of the office.
 */
export function useOfficeProfile(): OfficeProfile | undefined {
  return useLiveQuery(async () => (await readOfficeProfile(db)).profile);
}

export function OfficeProfileForm() {
  const { t } = useTranslation();
  const stored = useLiveQuery(() => readOfficeProfile(db));
  const [profile, setProfile] = useState<OfficeProfile>(EMPTY_OFFICE_PROFILE);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (stored) setProfile(stored.profile);
  }, [stored]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await saveOfficeProfile(db, profile);
    setSaved(true);
  };
  const insurer = stored?.insurer as Partial<Record<OfficeProfileField, string>> | null | undefined;
  return (
    <form className="report-section office-profile" onSubmit={save} aria-labelledby="office-profile-title">
      <h2 id="office-profile-title">{t('officialForms.officeTitle')}</h2>
      <p>{t('officialForms.officeIntro')}</p>
      <div className="clerk-fields">
        {FIELDS.map((field) => {
          const enrolled = insurer?.[field.key] ?? '';
          // Where a value differs from the insurer's enrolment, the clerk sees both (and how to go back).
          const differs = enrolled !== '' && profile[field.key].trim() !== enrolled;
          const hintId = `office-${field.key}-enrolled`;
          return (
            // The hint stays outside the label, so the field's name is its label alone.
            <div className="field-with-hint" key={field.key}>
              <label className="field">
                <span>{t(`officialForms.office.${field.key}`)}</span>
                <input
                  name={field.key}
                  value={profile[field.key]}
                  type={field.type ?? 'text'}
                  maxLength={OFFICE_PROFILE_MAX[field.key]}
                  autoComplete={field.autoComplete ?? 'off'}
                  aria-describedby={differs ? hintId : undefined}
                  onChange={(e) => {
                    setProfile({ ...profile, [field.key]: e.target.value });
                    setSaved(false);
                  }}
                />
              </label>
              {differs && (
                <small id={hintId} className="field-hint">
                  {t('officialForms.officeEnrolled', { value: enrolled })}
                </small>
              )}
            </div>
          );
        })}
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
