import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../../../db/index.js';
import type { TimeOps } from '../../search/engine/time-ops.js';
import { meetingDetail } from '../../search/meeting-detail.js';
import { customTypeNames, findLiveMeeting } from '../repository/live-meeting.js';
import { html, jsonForScript } from './html.js';
import { loadTranslators, pickLanguage, type PageLanguage, type Translate } from './locale.js';
import { meetingView } from './meeting-view.js';
import { meetingJsonLd } from './json-ld.js';
import { renderMeeting, scheduleText } from './render-meeting.js';
import { AppShell } from './shell.js';
import type { CorrectionFormState } from './correction-form.js';

export interface MeetingPagesDeps {
  database: DatabaseHandle;
  publicUrl: string;
  webRoot: string;
  time: TimeOps;
}

/**
 * Server-rendered meeting pages (issue 5): complete HTML that works with JavaScript off and that search engines can
 * index, inside the web app's own shell so the app takes over when it loads.
 */
export class MeetingPages {
  private readonly shell: AppShell;
  private readonly translators: Map<PageLanguage, Translate>;

  constructor(private readonly deps: MeetingPagesDeps) {
    this.shell = new AppShell(deps.webRoot);
    this.translators = loadTranslators();
  }

  private language(request: FastifyRequest): PageLanguage {
    return pickLanguage(request.headers.cookie, request.headers['accept-language'], [...this.translators.keys()]);
  }

  /** The meeting's page with the given status, or the not-found page when it is unknown or no longer listed. */
  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | null,
    opts: { status?: number; received?: boolean; form?: CorrectionFormState } = {},
  ): Promise<FastifyReply> {
    const lang = this.language(request);
    const t = this.translators.get(lang)!;
    const row = id === null ? undefined : await findLiveMeeting(this.deps.database.db, id);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-language, cookie');
    if (!row) return this.sendNotFound(reply, lang, t);
    const nowMs = Date.now();
    const customNames = await customTypeNames(this.deps.database.db, row.source_id, JSON.parse(row.custom_types) as string[]);
    const view = meetingView(row, customNames, lang, this.deps.time, nowMs);
    const canonical = `${this.deps.publicUrl.replace(/\/$/, '')}/meetings/${row.id}`;
    const place = view.attendance === 'online' ? '' : (view.location?.name ?? view.location?.address ?? '');
    const description = [scheduleText(view, t, lang), t(`meetingHtml.attendance.${view.attendance}`), place]
      .filter(Boolean)
      .join(' · ');
    const ld = jsonForScript(meetingJsonLd(view, canonical, description));
    // The API's answer for this meeting, for the app to show at once when it takes the page over (rather than
    // replacing this page with "loading" until its own request returns). The viewer's zone is not known here: the
    // app formats times in it, and asks again with it.
    const detail = meetingDetail(row, this.deps.time, view.schedule?.zone ?? 'UTC', nowMs);
    const page = this.shell.render(
      {
        lang,
        title: t('meetingHtml.pageTitle', { name: view.name }),
        description,
        canonical,
        head: html`<script type="application/ld+json">
            ${ld}
          </script>
          <script type="application/json" id="kinship-meeting">
            ${jsonForScript(detail)}
          </script>`,
        main: renderMeeting(view, t, lang, nowMs, {
          received: opts.received ?? false,
          ...(opts.form ? { form: opts.form } : {}),
        }),
      },
      t,
    );
    return reply.code(opts.status ?? 200).send(page);
  }

  private sendNotFound(reply: FastifyReply, lang: PageLanguage, t: Translate): FastifyReply {
    const main = html`<h1>${t('meetingHtml.notFound.title')}</h1>
      <p>${t('meetingHtml.notFound.body')}</p>
      <p><a href="/">${t('meetingHtml.notFound.home')}</a></p>`;
    const page = this.shell.render(
      {
        lang,
        title: t('meetingHtml.pageTitle', { name: t('meetingHtml.notFound.title') }),
        description: t('meetingHtml.notFound.body'),
        main,
      },
      t,
    );
    return reply.code(404).send(page);
  }
}
