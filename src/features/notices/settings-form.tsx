import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeSettings } from './settings';

/** Where to return and whom to ask: printed on every notice. */
export function SettingsForm({
  settings,
  onSave,
}: {
  settings: NoticeSettings;
  onSave: (next: NoticeSettings) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(settings);
  const field = (name: keyof NoticeSettings, label: string, type: 'text' | 'tel' = 'text') => (
    <label className="notices-field wide">
      <span>{label}</span>
      <input
        type={type}
        name={name}
        value={draft[name]}
        maxLength={120}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </label>
  );
  return (
    <details className="notices-settings">
      <summary>{t('notices.settingsTitle')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave(draft);
        }}
      >
        <p>{t('notices.settingsHint')}</p>
        {field('returnTo', t('notices.returnToLabel'))}
        {field('officeContact', t('notices.officeContactLabel'))}
        {field('insurerName', t('notices.insurerNameLabel'))}
        {field('insurerPhone', t('notices.insurerPhoneLabel'), 'tel')}
        <button type="submit" className="button primary">
          {t('notices.saveSettings')}
        </button>
      </form>
    </details>
  );
}
