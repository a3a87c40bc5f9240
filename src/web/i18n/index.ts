import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { BackendModule, ResourceKey } from 'i18next';
import en from './locales/en.json';

/**
 * Languages the interface is complete in. Adding one is adding its JSON file
 * here (and to `loaders` below); English is the fallback for any missing key.
 */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/**
 * English, the fallback, ships with the app; every other language is a chunk of its own, loaded when it is chosen
 * or detected (before the first render, see `i18nReady`). Bundling every language into the first load made it grow
 * with each language and each new page's text. The service worker caches these chunks with the rest of the build,
 * so a language works offline like everything else.
 */
const loaders: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ default: ResourceKey }>> = {
  es: () => import('./locales/es.json'),
};

const lazyLanguages: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = loaders[language as keyof typeof loaders];
    if (!load) return callback(null, {});
    load().then(
      (m) => callback(null, m.default),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

/** Resolves once the detected language's texts are loaded: render after it, so no English flashes first. */
export const i18nReady = i18n
  .use(lazyLanguages)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    // The other languages come from the backend above.
    partialBundledLanguages: true,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    nonExplicitSupportedLngs: true,
    interpolation: { escapeValue: false }, // React escapes output.
    detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: 'kinship.lang' },
    returnNull: false,
  })
  .then(() => undefined);

// Screen readers pick pronunciation from <html lang>, so keep it in step.
const syncHtmlLang = (lng: string) => {
  document.documentElement.lang = lng.split('-')[0] ?? 'en';
};
syncHtmlLang(i18n.resolvedLanguage ?? 'en');
i18n.on('languageChanged', syncHtmlLang);

export default i18n;
