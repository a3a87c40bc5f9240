import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton, ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { joinGroup, type GroupPage, type YourPlace } from '../api.js';

/**
 * Reading and accepting the code of conduct, and choosing to join as a member or an observer (issue 7: observers
 * "may read but not post", e.g. for court or treatment proof, or a first-timer who wants to listen). Also the form
 * to accept a changed code again. Sends the version shown, so nobody accepts a text they did not see.
 */
export function JoinForm({
  group,
  onJoined,
  onStale,
}: {
  group: GroupPage;
  onJoined: (place: YourPlace) => void;
  onStale: (err: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const again = group.you?.status === 'active';
  const [as, setAs] = useState<'member' | 'observer'>(group.you?.role === 'observer' ? 'observer' : 'member');
  const [accepted, setAccepted] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!accepted) return form.fail({ summary: t('groups.join.mustAccept'), fields: { accept: t('groups.join.mustAccept') } });
    let place: YourPlace | undefined;
    const ok = await form.run(async () => {
      try {
        place = await joinGroup(group.slug, as, group.conduct_version);
      } catch (err) {
        onStale(err);
        throw err;
      }
    });
    if (ok && place) onJoined(place);
  };
  const acceptError = form.problem?.fields.accept;

  return (
    <form noValidate aria-busy={form.busy} onSubmit={(e) => void submit(e)}>
      {again ? <p>{t('groups.join.newConduct')}</p> : <p>{t('groups.join.intro')}</p>}
      <ErrorSummary form={form} />
      {!again && (
        <fieldset className="form-field">
          <legend className="form-legend">{t('groups.join.asLegend')}</legend>
          {(['member', 'observer'] as const).map((choice) => (
            <div key={choice} className="form-check">
              <input
                type="radio"
                id={`${id}-${choice}`}
                name={`${id}-as`}
                checked={as === choice}
                onChange={() => setAs(choice)}
                aria-describedby={`${id}-${choice}-hint`}
              />
              <div>
                <label htmlFor={`${id}-${choice}`}>{t(`groups.join.as.${choice}`)}</label>
                <p id={`${id}-${choice}-hint`} className="form-hint">
                  {t(`groups.join.asHint.${choice}`)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {acceptError && (
        <p id={`${id}-accept-error`} className="form-error">
          {acceptError}
        </p>
      )}
      <div className="form-check">
        <input
          type="checkbox"
          id={`${id}-accept`}
          checked={accepted}
          onChange={(e) => setAccepted(e.target.checked)}
          aria-invalid={acceptError ? true : undefined}
          aria-describedby={`${id}-accept-hint${acceptError ? ` ${id}-accept-error` : ''}`}
        />
        <div>
          <label htmlFor={`${id}-accept`}>{t('groups.join.accept')}</label>
          <p id={`${id}-accept-hint`} className="form-hint">
            {t('groups.join.acceptHint')} <a href="#group-conduct">{t('groups.join.readConduct')}</a>
          </p>
        </div>
      </div>
      <p className="actions">
        <BusyButton
          busy={form.busy}
          label={
            again ? t('groups.join.acceptNew') : group.visibility === 'approval' ? t('groups.join.ask') : t('groups.join.submit')
          }
          busyLabel={t('groups.working')}
        />
      </p>
    </form>
  );
}
