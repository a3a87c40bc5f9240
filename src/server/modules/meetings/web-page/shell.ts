import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, html, type SafeHtml } from './html.js';
import type { PageLanguage, Translate } from './locale.js';

export interface PageParts {
  lang: PageLanguage;
  title: string;
  description: string;
  canonical?: string;
  /** Extra trusted markup for <head>, e.g. JSON-LD. */
  head?: SafeHtml;
  main: SafeHtml;
}

/**
 * The built web app's index.html, re-read when a deploy replaces it, with a server-rendered page put inside: the
 * document language, title, description and canonical link, and the same frame the app draws (skip link, banner,
 * main, footer) around the content of <div id="root">. The app's script still loads and takes over; the
 * "needs JavaScript" notice goes, since this page does not.
 */
export class AppShell {
  private cached: { mtimeMs: number; text: string } | undefined;
  private readonly file: string;

  constructor(webRoot: string) {
    this.file = join(webRoot, 'index.html');
  }

  private template(): string {
    const mtimeMs = statSync(this.file).mtimeMs;
    if (this.cached?.mtimeMs !== mtimeMs) this.cached = { mtimeMs, text: readFileSync(this.file, 'utf8') };
    return this.cached.text;
  }

  /** A whole document. Replacements use functions, so "$&" in a meeting name stays text. */
  render(parts: PageParts, t: Translate): string {
    const head = html`<link rel="canonical" href="${parts.canonical ?? ''}" />`;
    const headExtra = `${parts.canonical ? head.value : ''}${parts.head?.value ?? ''}`;
    return this.template()
      .replace(/<html([^>]*)\slang="[^"]*"/, (_m, before: string) => `<html${before} lang="${parts.lang}"`)
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(parts.title)}</title>`)
      .replace(
        /<meta name="description" content="[^"]*"\s*\/?>/,
        () => `<meta name="description" content="${escapeHtml(parts.description)}" />`,
      )
      .replace('</head>', () => `${headExtra}</head>`)
      .replace(/<noscript[\s\S]*?<\/noscript>/, () => '')
      .replace(/<div id="root"><\/div>/, () => `<div id="root">${frame(parts.main, t).value}</div>`);
  }
}

/** The app's own frame (src/web/components/ui/layout.tsx), drawn with the same classes and strings. */
function frame(main: SafeHtml, t: Translate): SafeHtml {
  return html`<a class="skip-link" href="#main">${t('layout.skipToContent')}</a>
    <header class="site-header">
      <div class="container header-row">
        <a href="/" class="brand"><img src="/icon.svg" alt="" width="28" height="28" /><span>${t('app.name')}</span></a>
        <nav aria-label="${t('layout.primaryNav')}" class="primary-nav">
          <ul>
            <li><a href="/">${t('layout.home')}</a></li>
            <li><a href="/meetings">${t('finder.navLink')}</a></li>
            <li><a href="/saved">${t('saved.navLink')}</a></li>
          </ul>
        </nav>
        <div class="header-actions"><a href="/help" class="help-now">${t('layout.getHelpNow')}</a></div>
      </div>
    </header>
    <main id="main" tabindex="-1" class="container">${main}</main>
    <footer class="site-footer">
      <div class="container">
        <p>${t('layout.footerNote')}</p>
        <p>${t('layout.privacy')}</p>
        <p><a href="/api/docs">${t('layout.apiDocs')}</a></p>
      </div>
    </footer>`;
}
