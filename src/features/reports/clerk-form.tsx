import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, getMeta, setMeta } from '../../db/db';

/** The clerk's name and phone, printed on every report and remembered on this tablet. */
export function ClerkForm() {
  const { t } = useTranslation();
  const stored = useLiveQuery(async () => (await getMeta('clerk')) ?? null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (stored) {
      setName(stored.name);
      setPhone(stored.phone);
    }
  }, [stored]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await setMeta('clerk', { name: name.trim(), phone: phone.trim() }, db);
    setSaved(true);
  };
  return (
    <form className="report-section" onSubmit={save} aria-labelledby="clerk-title">
      <h2 id="clerk-title">{t('reports.clerkTitle')}</h2>
      <div className="clerk-fields">
        <label className="field">
          <span>{t('reports.clerkName')}</span>
          <input
            value={name}
            maxLength={100}
            autoComplete="name"
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
          />
        </label>
        <label className="field">
          <span>{t('reports.clerkPhone')}</span>
          <input
            value={phone}
            type="tel"
            maxLength={40}
            autoComplete="tel"
            onChange={(e) => {
              setPhone(e.target.value);
              setSaved(false);
            }}
          />
        </label>
        <div className="field">
          <button type="submit" className="button secondary">
            {t('reports.clerkSave')}
          </button>
        </div>
      </div>
      <p role="status">{saved ? t('reports.clerkSaved') : ''}</p>
    </form>
  );
}
