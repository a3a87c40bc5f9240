import { CORRECTION_KINDS, CORRECTION_LIMITS } from '../../../../shared/schemas/corrections.js';
import { html, type SafeHtml } from './html.js';
import type { Translate } from './locale.js';

/** What the no-JavaScript correction form shows after a post that could not be stored. */
export interface CorrectionFormState {
  /** Fields the server refused (`kind`, `details`, `contact`), or `rate_limited`. */
  problems: string[];
  values: { kind?: string; details?: string; contact?: string };
}

const FIELDS = ['kind', 'details', 'contact'] as const;

/**
 * A plain HTML form that posts to the corrections API, form-encoded: it works with JavaScript off, and the
 * browser's own checks (required, maxlength) catch most mistakes before sending. Problems found by the server are
 * listed first with links to their fields and marked on each field (WCAG 3.3.1).
 */
export function correctionForm(meetingId: number, t: Translate, state?: CorrectionFormState): SafeHtml {
  const problems = new Set(state?.problems ?? []);
  const v = state?.values ?? {};
  const describedBy = (field: string) =>
    [`correction-${field}-hint`, problems.has(field) ? `correction-${field}-error` : ''].filter(Boolean).join(' ');
  const error = (field: string) =>
    problems.has(field)
      ? html`<p id="correction-${field}-error" class="field-error">
          ${t(`meetingHtml.correction.error.${field}`, { max: maxOf(field) })}
        </p>`
      : '';
  const invalid = (field: string) => (problems.has(field) ? html` aria-invalid="true"` : '');
  return html`<section id="correction" aria-labelledby="correction-title">
    <h2 id="correction-title">${t('meetingHtml.correction.title')}</h2>
    <p>${t('meetingHtml.correction.intro')}</p>
    ${
      problems.size > 0
        ? html`<div class="form-problems" role="alert" id="correction-problems">
            <p>${t('meetingHtml.correction.problems')}</p>
            <ul>
              ${[
                ...FIELDS.filter((f) => problems.has(f)).map(
                  (f) =>
                    html`<li><a href="#correction-${f}">${t(`meetingHtml.correction.error.${f}`, { max: maxOf(f) })}</a></li>`,
                ),
                problems.has('rate_limited') ? html`<li>${t('meetingHtml.correction.error.rate_limited')}</li>` : '',
              ]}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/api/meetings/${meetingId}/corrections" accept-charset="utf-8" class="correction-form">
      <div class="field">
        <label for="correction-kind">${t('meetingHtml.correction.kindLabel')}</label>
        <p id="correction-kind-hint" class="hint">${t('meetingHtml.correction.kindHint')}</p>
        ${error('kind')}
        <select id="correction-kind" name="kind" required aria-describedby="${describedBy('kind')}" ${invalid('kind')}>
          <option value="">${t('meetingHtml.correction.choose')}</option>
          ${CORRECTION_KINDS.map(
            (k) =>
              html`<option value="${k}" ${v.kind === k ? html` selected` : ''}>
                ${t(`meetingHtml.correction.kinds.${k}`)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="correction-details">${t('meetingHtml.correction.detailsLabel')}</label>
        <p id="correction-details-hint" class="hint">
          ${t('meetingHtml.correction.detailsHint', { max: CORRECTION_LIMITS.details })}
        </p>
        ${error('details')}
        <textarea
          id="correction-details"
          name="details"
          rows="5"
          required
          maxlength="${CORRECTION_LIMITS.details}"
          aria-describedby="${describedBy('details')}"
          ${invalid('details')}
        >
${v.details ?? ''}</textarea>
      </div>
      <div class="field">
        <label for="correction-contact">${t('meetingHtml.correction.contactLabel')}</label>
        <p id="correction-contact-hint" class="hint">${t('meetingHtml.correction.contactHint')}</p>
        ${error('contact')}
        <input
          id="correction-contact"
          name="contact"
          type="text"
          maxlength="${CORRECTION_LIMITS.contact}"
          value="${v.contact ?? ''}"
          aria-describedby="${describedBy('contact')}"
          ${invalid('contact')}
        />
      </div>
      <button type="submit">${t('meetingHtml.correction.submit')}</button>
    </form>
  </section>`;
}

const maxOf = (field: string) =>
  field === 'details' ? CORRECTION_LIMITS.details : field === 'contact' ? CORRECTION_LIMITS.contact : 0;
