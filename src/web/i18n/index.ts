import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { BackendModule, ResourceKey } from 'i18next';
import en from './locales/en.json';

/**
 * The locale files, found by the build: adding a language is adding its JSON file to `locales/` (named by its
 * language code, e.g. `fr.json`), nothing else. English, the fallback for any missing key, ships with the app;
 * every other language is a chunk of its own, loaded when it is chosen or detected (before the first render, see
 * `i18nReady`), so the first load does not grow with each language. The service worker caches those chunks with
 * the rest of the build, so every language works offline.
 */
const files = import.meta.glob<{ default: ResourceKey }>('./locales/*.json');
const loaders = new Map(Object.entries(files).map(([path, load]) => [/([\w-]+)\.json$/.exec(path)![1]!, load]));

/** Each language named in itself ("Español"), so people can find their own. */
function nameOf(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** Languages the interface is complete in, English first. */
export const LANGUAGES: readonly { code: string; name: string }[] = [...loaders.keys()]
  .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)))
  .map((code) => ({ code, name: nameOf(code) }));

const lazyLanguages: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = language === 'en' ? undefined : loaders.get(language);
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
// The same choice goes into a cookie holding nothing else, so pages the server renders (a meeting's page, read before
// this app takes over or without JavaScript) come in the language chosen here. A year, this site only.
const syncHtmlLang = (lng: string) => {
  const code = lng.split('-')[0] ?? 'en';
  document.documentElement.lang = code;
  document.cookie = `kinship.lang=${encodeURIComponent(code)}; path=/; max-age=31536000; samesite=lax`;
};
i18nReady.then(
  () => syncHtmlLang(i18n.resolvedLanguage ?? 'en'),
  () => undefined,
);
i18n.on('languageChanged', syncHtmlLang);

export default i18n;
