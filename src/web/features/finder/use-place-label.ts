import { useEffect, useState } from 'react';
import { getPlace } from '../../lib/meetings-api.js';

/**
 * The name of the place a search is near. The URL holds only its id (short, and the same in every language), so a
 * shared link or a reload asks `/api/places/:id` once; a place just picked from the suggestions is remembered.
 */
export function usePlaceLabel(near: string | undefined): { label: string; remember: (id: string, label: string) => void } {
  const [known, setKnown] = useState<{ id: string; label: string } | null>(null);
  useEffect(() => {
    if (!near || known?.id === near) return;
    const abort = new AbortController();
    getPlace(near, abort.signal).then(
      (place) => setKnown({ id: place.id, label: place.label }),
      () => undefined, // The search works with the id alone; the box then stays empty.
    );
    return () => abort.abort();
  }, [near, known?.id]);
  return {
    label: near && known?.id === near ? known.label : '',
    remember: (id, label) => setKnown({ id, label }),
  };
}
