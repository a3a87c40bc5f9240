import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { BusyButton, ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { editGroup, type GroupFields as Fields, type GroupPage } from '../api.js';
import { draftOf, fieldsOf, isProblem } from './group-draft.js';
import { GroupFields } from './group-fields.js';
import { ManageSection } from './manage-section.js';

/**
 * The group's settings (PATCH). A changed code of conduct is said before saving: every member accepts it again
 * before they post. Archiving (asked first) takes the group out of the directory and makes it read-only.
 */
export function EditPart({ group, onSaved }: { group: GroupPage; onSaved: (group: GroupPage) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useFormRun();
  const [draft, setDraft] = useState(() => draftOf(group));
  const [pending, setPending] = useState<Fields | null>(null);
  const [archiving, setArchiving] = useState(false);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const conductChanged = draft.code_of_conduct.trim() !== group.code_of_conduct;

  const save = async (fields: Fields) => {
    setPending(null);
    setStatus('');
    // The code of conduct goes only when it changed: sending it raises its version.
    const { code_of_conduct: _conduct, ...rest } = fields;
    let saved: GroupPage | undefined;
    const ok = await form.run(async () => {
      saved = await editGroup(group.slug, conductChanged ? fields : rest);
    });
    if (ok && saved) {
      onSaved(saved);
      setDraft(draftOf(saved));
      setStatus(conductChanged ? t('groups.edit.savedConduct', { version: saved.conduct_version }) : t('groups.edit.saved'));
      headingRef.current?.focus();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = fieldsOf(draft, t);
    if (isProblem(fields)) return form.fail(fields);
    if (conductChanged) setPending(fields);
    else void save(fields);
  };
  const archive = async () => {
    setArchiving(false);
    const ok = await form.run(async () => {
      onSaved(await editGroup(group.slug, { archived: !group.archived }));
    });
    if (ok) void navigate(`/groups/${encodeURIComponent(group.slug)}`);
  };

  return (
    <ManageSection title={t('groups.edit.title')} headingRef={headingRef}>
      <p role="status" className="groups-status">
        {status}
      </p>
      <form noValidate aria-busy={form.busy} onSubmit={submit} className="groups-form">
        <ErrorSummary form={form} />
        <GroupFields draft={draft} onChange={setDraft} errors={form.problem?.fields} />
        {conductChanged && <p className="callout groups-warning">{t('groups.edit.conductWarning')}</p>}
        <p className="actions">
          <BusyButton busy={form.busy} label={t('groups.edit.save')} busyLabel={t('groups.working')} />
        </p>
      </form>
      <h3>{group.archived ? t('groups.edit.unarchiveTitle') : t('groups.edit.archiveTitle')}</h3>
      <p>{group.archived ? t('groups.edit.unarchiveBody') : t('groups.edit.archiveBody')}</p>
      <p>
        <button
          type="button"
          className={`button form-button${group.archived ? ' secondary' : ' danger'}`}
          onClick={() => setArchiving(true)}
        >
          {group.archived ? t('groups.edit.unarchive') : t('groups.edit.archive')}
        </button>
      </p>
      <ConfirmDialog
        open={pending !== null}
        title={t('groups.edit.confirmConduct')}
        confirmLabel={t('groups.edit.save')}
        cancelLabel={t('groups.cancel')}
        onConfirm={() => pending && void save(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{t('groups.edit.conductWarning')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={archiving}
        title={
          group.archived
            ? t('groups.edit.confirmUnarchive', { name: group.name })
            : t('groups.edit.confirmArchive', { name: group.name })
        }
        confirmLabel={group.archived ? t('groups.edit.unarchive') : t('groups.edit.archive')}
        cancelLabel={t('groups.cancel')}
        danger={!group.archived}
        onConfirm={() => void archive()}
        onCancel={() => setArchiving(false)}
      >
        <p>{group.archived ? t('groups.edit.unarchiveBody') : t('groups.edit.archiveBody')}</p>
      </ConfirmDialog>
    </ManageSection>
  );
}
