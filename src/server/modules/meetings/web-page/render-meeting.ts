import { DateTime } from 'luxon';
import { html, type SafeHtml } from './html.js';
import type { PageLanguage, Translate } from './locale.js';
import { geoHref, openStreetMapHref, telHref, type MeetingView } from './meeting-view.js';
import { dayList, occurrence, wallTime, zoneLabel } from './format.js';
import { correctionForm, type CorrectionFormState } from './correction-form.js';

/** Plain-text fields keep their line breaks (the page's stylesheet sets white-space: pre-line on .text). */
const text = (value: string | null) => (value ? html`<p class="text">${value}</p>` : '');

/** "Every Tuesday, 9:00 AM to 10:00 AM", or "By appointment". */
export function scheduleText(view: MeetingView, t: Translate, lang: PageLanguage): string {
  const s = view.schedule;
  if (!s) return t('meetingHtml.byAppointment');
  return t('meetingHtml.weekly', { days: dayList(s.days, lang), start: wallTime(s.time, lang), end: wallTime(s.endTime, lang) });
}

function when(view: MeetingView, t: Translate, lang: PageLanguage, nowMs: number): SafeHtml {
  const s = view.schedule;
  return html`<section aria-labelledby="when-title">
    <h2 id="when-title">${t('meetingHtml.whenTitle')}</h2>
    <p>${scheduleText(view, t, lang)}</p>
    ${s ? html`<p>${t('meetingHtml.zoneNote', { zone: zoneLabel(s.zone, lang, nowMs) })}</p>` : ''}
    ${
      s && view.next.length > 0
        ? html`<h3>${t('meetingHtml.nextTitle')}</h3>
            <ul>
              ${view.next.map((n) => {
                const at = DateTime.fromMillis(n.startMs, { zone: s.zone }).toISO({ suppressMilliseconds: true }) ?? '';
                const now = n.now ? html` <strong>${t('meetingHtml.happeningNow')}</strong>` : '';
                return html`<li><time datetime="${at}">${occurrence(n.startMs, s.zone, lang)}</time>${now}</li>`;
              })}
            </ul>`
        : ''
    }
    ${s ? html`<p><a href="/api/meetings/${view.id}/calendar.ics" download>${t('meetingHtml.calendar')}</a></p>` : ''}
  </section>`;
}

function where(view: MeetingView, t: Translate): SafeHtml | '' {
  const l = view.location;
  if (!l || view.attendance === 'online') return '';
  const label = l.name ?? l.address ?? view.name;
  return html`<section aria-labelledby="where-title">
    <h2 id="where-title">${t('meetingHtml.whereTitle')}</h2>
    ${l.name ? html`<p><strong>${l.name}</strong></p>` : ''} ${l.address ? html`<p>${l.address}</p>` : ''}
    ${l.approximate ? html`<p>${t('meetingHtml.approximate')}</p>` : ''} ${text(l.notes)}
    ${
      l.point && !l.approximate
        ? html`<ul class="link-list">
            <li><a href="${geoHref(l.point, label)}">${t('meetingHtml.directions')}</a></li>
            <li><a href="${openStreetMapHref(l.point)}" rel="noopener noreferrer">${t('meetingHtml.directionsWeb')}</a></li>
          </ul>`
        : ''
    }
  </section>`;
}

function online(view: MeetingView, t: Translate): SafeHtml | '' {
  const o = view.online;
  if (!o || view.attendance === 'in_person') return '';
  return html`<section aria-labelledby="online-title">
    <h2 id="online-title">${t('meetingHtml.onlineTitle')}</h2>
    ${o.url ? html`<p><a href="${o.url}" rel="noopener noreferrer">${o.provider ? t('meetingHtml.joinWith', { provider: o.provider }) : t('meetingHtml.join')}</a></p>` : ''}
    ${text(o.urlNotes)}
    ${o.phone ? html`<p><a href="${telHref(o.phone)}">${t('meetingHtml.call', { phone: o.phone })}</a></p>` : ''}
    ${text(o.phoneNotes)}
  </section>`;
}

function types(view: MeetingView, t: Translate): SafeHtml {
  const hint = (code: string) => (code === 'O' || code === 'C' ? t(`meetingHtml.typeHint.${code}`) : '');
  return html`${
      view.types.length > 0
        ? html`<section aria-labelledby="types-title">
            <h2 id="types-title">${t('meetingHtml.typesTitle')}</h2>
            <ul>
              ${view.types.map((ty) => html`<li>${ty.name}${hint(ty.code) ? html`: ${hint(ty.code)}` : ''}</li>`)}
            </ul>
          </section>`
        : ''
    }
    <section aria-labelledby="access-title">
      <h2 id="access-title">${t('meetingHtml.accessibilityTitle')}</h2>
      ${
        view.accessibility.length > 0
          ? html`<ul>
              ${view.accessibility.map((a) => html`<li>${a.name}</li>`)}
            </ul>`
          : html`<p>${t('meetingHtml.accessibilityNone')}</p>`
      }
    </section>`;
}

function about(view: MeetingView, t: Translate): SafeHtml | '' {
  if (!view.notes && !view.group) return '';
  return html`<section aria-labelledby="notes-title">
    <h2 id="notes-title">${t('meetingHtml.notesTitle')}</h2>
    ${text(view.notes)}
    ${
      view.group
        ? html`<p>${t('meetingHtml.group', { name: view.group.name })}</p>
            ${text(view.group.notes)}`
        : ''
    }
  </section>`;
}

function tradition(view: MeetingView, t: Translate): SafeHtml | '' {
  if (view.tradition.length === 0) return '';
  return html`<section aria-labelledby="tradition-title">
    <h2 id="tradition-title">${t('meetingHtml.traditionTitle')}</h2>
    <p>${t('meetingHtml.traditionIntro')}</p>
    <ul class="link-list">
      ${view.tradition.map((p) => {
        const label = t(`meetingHtml.tradition.${p.service}`, { handle: p.handle });
        return html`<li>${p.url ? html`<a href="${p.url}" rel="noopener noreferrer">${label}</a>` : label}</li>`;
      })}
    </ul>
  </section>`;
}

/** The meeting as semantic HTML, for the inside of <main>: it stands on its own with JavaScript off. */
export function renderMeeting(
  view: MeetingView,
  t: Translate,
  lang: PageLanguage,
  nowMs: number,
  opts: { received: boolean; form?: CorrectionFormState },
): SafeHtml {
  const meta = [view.fellowship, t(`meetingHtml.attendance.${view.attendance}`)].filter(Boolean).join(' · ');
  return html`<article class="meeting-page" aria-labelledby="meeting-title">
    ${opts.received ? html`<div class="notice" role="status" id="correction-received"><p>${t('meetingHtml.correction.received')}</p></div>` : ''}
    <h1 id="meeting-title">${view.name}</h1>
    <p class="meeting-meta">${meta}</p>
    ${view.temporarilyClosed ? html`<p class="notice">${t('meetingHtml.temporarilyClosed')}</p>` : ''}
    ${when(view, t, lang, nowMs)} ${where(view, t)} ${online(view, t)} ${types(view, t)} ${about(view, t)} ${tradition(view, t)}
    ${correctionForm(view.id, t, opts.form)}
  </article>`;
}
