import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_LANGUAGE_INFO } from '../../domain/notices/languages';
import { languageLabel } from './language-label';

type Props = {
  name: string;
  language: string;
  /** Whether this row's picker is the one open (at most one on the screen). */
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  onChange: (language: string) => void;
};

/**
 * A member's notice language: a button showing it, which turns into the one language list of the
 * screen when pressed. A list of 24 languages in every row made 10,000 rows 240,000 options.
 */
export function MemberLanguagePicker({ name, language, open, onOpen, onClose, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const label = t('notices.languageFor', { name });

  useEffect(() => {
    // Back on the button once the list closes by choice or Escape, so the keyboard keeps its place.
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [open]);

  if (!open)
    return (
      <button
        ref={button}
        type="button"
        className="button secondary recipient-language-button"
        aria-label={t('notices.languageButton', { name, language: languageLabel(language, i18n.language) })}
        aria-haspopup="listbox"
        onClick={onOpen}
      >
        {languageLabel(language, i18n.language)}
      </button>
    );
  return (
    <select
      aria-label={label}
      value={language}
      // biome-ignore lint/a11y/noAutofocus: the list opens because the clerk pressed its button
      autoFocus
      onChange={(event) => {
        returnFocus.current = true;
        onChange(event.target.value);
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          returnFocus.current = true;
          onClose();
        }
      }}
      onBlur={onClose}
    >
      {NOTICE_LANGUAGE_INFO.map((info) => (
        <option key={info.code} value={info.code}>
          {languageLabel(info.code, i18n.language)}
        </option>
      ))}
    </select>
  );
}
