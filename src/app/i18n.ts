import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const UI_LANGUAGES = ['ja', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
const STORAGE_KEY = 'ui-language';

// Every locale is its own lazy chunk (none in the first-load bundle); the service worker precaches
// them, so switching language works offline.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*.json');

const lazyLocales: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const load = loaders[`../../locales/${language}.json`];
    if (!load) return callback(new Error(`no locale ${language}`), false);
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

export function storedLanguage(): UiLanguage {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return UI_LANGUAGES.find((language) => language === stored) ?? 'ja';
}

export async function initI18n(language: UiLanguage = storedLanguage()) {
  i18n.on('languageChanged', (next) => {
    document.documentElement.lang = next;
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  });
  await i18n
    .use(lazyLocales)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'ja',
      supportedLngs: [...UI_LANGUAGES],
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
  return i18n;
}
