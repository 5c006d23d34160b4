import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

/** The app bar on every screen (index.html paints a copy of it before any script runs). */
export function Header({ officeName, children }: { officeName?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app-title">
        <span className="app-name">{t('app.title')}</span>
        {officeName && <span className="office-name">{officeName}</span>}
      </div>
      {children}
      <LanguageSwitch />
    </header>
  );
}
