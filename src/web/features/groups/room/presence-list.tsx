import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorAction, Presence } from '../../../../shared/chat-protocol.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';

/**
 * Who is here, by pseudonym only, with their role; observers are counted, never named (docs/groups.md). For
 * facilitators and moderators each person has mute, unmute and remove (remove asks first).
 */
export function PresenceList({
  presence,
  you,
  leads,
  facilitate,
}: {
  presence: Presence | null;
  you: string | null;
  leads: boolean;
  facilitate: (action: FacilitatorAction, target: string) => void;
}) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<string | null>(null);
  const people = presence?.people ?? [];
  const observers = presence?.observers ?? 0;
  return (
    <section className="room-panel" aria-labelledby="room-presence-title">
      <h2 id="room-presence-title">{t('room.presence.title', { count: people.length + observers })}</h2>
      <ul className="room-people">
        {people.map((p) => (
          <li key={p.handle}>
            <span className="room-person">
              {p.handle}
              {p.handle === you && <> {t('room.presence.you')}</>}
            </span>{' '}
            <span className="room-role">{t(`room.roles.${p.role}`)}</span>
            {leads && p.handle !== you && (
              <PersonActions handle={p.handle} facilitate={facilitate} onRemove={() => setRemoving(p.handle)} />
            )}
          </li>
        ))}
      </ul>
      {observers > 0 && (
        <p>{t(people.length > 0 ? 'room.presence.andObservers' : 'room.presence.observers', { count: observers })}</p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('room.presence.removeTitle', { handle: removing ?? '' })}
        confirmLabel={t('room.presence.remove')}
        cancelLabel={t('room.message.cancel')}
        danger
        onConfirm={() => {
          if (removing) facilitate('remove', removing);
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('room.presence.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function PersonActions({
  handle,
  facilitate,
  onRemove,
}: {
  handle: string;
  facilitate: (action: FacilitatorAction, target: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const act = (fn: () => void) => () => {
    menu.current?.removeAttribute('open');
    fn();
  };
  return (
    <details className="room-actions" ref={menu}>
      <summary>
        {t('room.message.actions')}
        <span className="visually-hidden"> {t('room.presence.actionsFor', { handle })}</span>
      </summary>
      <div className="room-action-buttons">
        <button type="button" onClick={act(() => facilitate('mute', handle))}>
          {t('room.presence.mute')}
        </button>
        <button type="button" onClick={act(() => facilitate('unmute', handle))}>
          {t('room.presence.unmute')}
        </button>
        <button type="button" onClick={act(onRemove)}>
          {t('room.presence.remove')}
        </button>
      </div>
    </details>
  );
}
