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
 * Layout rules for the server-rendered content only; the app's stylesheet does the rest. Inline because the pages
 * must work before (and without) any script, and the app's CSS file is hashed per build.
 */
const PAGE_STYLE = `<style>
.meeting-page .text{white-space:pre-line}
.meeting-page .meeting-meta{color:var(--muted);margin-top:0}
.meeting-page .notice{border:2px solid var(--brand);border-radius:var(--radius);padding:.5rem 1rem;background:var(--surface)}
.meeting-page .link-list{padding-left:1.2rem}
.meeting-page .link-list a,.meeting-page section>p>a{display:inline-block;min-height:44px;line-height:44px}
.meeting-page .field{margin:0 0 1rem}
.meeting-page label{display:block;font-weight:700}
.meeting-page .hint{margin:.2rem 0;color:var(--muted)}
.meeting-page .field-error,.meeting-page .form-problems{color:var(--help);font-weight:700}
.meeting-page select,.meeting-page textarea,.meeting-page input{width:100%;max-width:40rem;min-height:44px;font:inherit;color:var(--text);background:var(--surface);border:1px solid var(--muted);border-radius:6px;padding:.5rem}
.meeting-page button{min-height:44px;font:inherit;font-weight:700;padding:.5rem 1.2rem;border:0;border-radius:var(--radius);background:var(--brand);color:var(--brand-text);cursor:pointer}
</style>`;

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
    const headExtra = `${parts.canonical ? head.value : ''}${parts.head?.value ?? ''}${PAGE_STYLE}`;
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
