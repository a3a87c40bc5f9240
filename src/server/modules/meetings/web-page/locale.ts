import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../paths.js';

/**
 * A language code of the web app's locale files (src/web/i18n/locales/<code>.json): the server-rendered pages speak
 * the same languages, found the same way, so adding a language is still one file.
 */
export type PageLanguage = string;

type Messages = { [key: string]: string | Messages };

/** A translator over the web app's own locale files, so a page reads the same with or without JavaScript. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The locale a request asks for: the `kinship.lang` cookie (the visitor's own choice) wins, then the best
 * Accept-Language match by q-value (RFC 9110 §12.5.4), then English.
 */
export function pickLanguage(
  cookieHeader: string | undefined,
  acceptLanguage: string | undefined,
  languages: readonly PageLanguage[],
): PageLanguage {
  const isPageLanguage = (code: string) => languages.includes(code);
  const cookie = /(?:^|;\s*)kinship\.lang=([^;]*)/
    .exec(cookieHeader ?? '')?.[1]
    ?.trim()
    .toLowerCase()
    .split('-')[0];
  if (cookie && isPageLanguage(cookie)) return cookie;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranges.map((r) => r.lang).find(isPageLanguage) ?? 'en';
}

/** Loads every locale file once; a key missing in a language falls back to English, as in the web app. */
export function loadTranslators(localesDir = join(projectRoot, 'src', 'web', 'i18n', 'locales')): Map<PageLanguage, Translate> {
  const read = (lang: PageLanguage) => JSON.parse(readFileSync(join(localesDir, `${lang}.json`), 'utf8')) as Messages;
  const en = read('en');
  const lookup = (messages: Messages, key: string): string | undefined => {
    let node: string | Messages | undefined = messages;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  const translator =
    (messages: Messages): Translate =>
    (key, vars = {}) =>
      (lookup(messages, key) ?? lookup(en, key) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) =>
        name in vars ? String(vars[name]) : m,
      );
  const codes = readdirSync(localesDir)
    .filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]+)?\.json$/.test(f))
    .map((f) => f.slice(0, -'.json'.length));
  return new Map(codes.map((code) => [code, translator(code === 'en' ? en : read(code))]));
}
