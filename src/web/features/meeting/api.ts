/**
 * The shapes the meeting page reads from `GET /api/meetings/:id` (Meeting Guide field names, see
 * src/server/modules/search/routes/search-routes.ts) and sends to `POST /api/meetings/:id/corrections`
 * (src/shared/schemas/corrections.ts). The shared zod modules are not imported: they would bring zod into the page.
 */

export type Attendance = 'in_person' | 'online' | 'hybrid' | 'inactive';

export interface LocalTime {
  start: string;
  end: string;
  zone: string;
}

export interface NextOccurrence {
  start: string;
  end: string;
  happening_now: boolean;
  meeting_local: LocalTime;
  viewer_local: LocalTime;
}

export interface MeetingDetail {
  id: number;
  name: string;
  slug: string;
  day?: number | number[];
  time?: string;
  end_time?: string;
  timezone?: string;
  types: string[];
  notes?: string;
  location?: string;
  location_notes?: string;
  formatted_address?: string;
  latitude?: number;
  longitude?: number;
  approximate?: 'yes' | 'no';
  group?: string;
  group_notes?: string;
  conference_url: string | null;
  conference_url_notes: string | null;
  conference_phone: string | null;
  conference_phone_notes: string | null;
  conference_provider: string | null;
  venmo?: string;
  square?: string;
  paypal?: string;
  attendance: Attendance;
  fellowship?: string;
  next_occurrences: NextOccurrence[];
}

/** A failed request: `status` 0 when the network failed, else the HTTP status, with the API's error body if any. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly body?: ApiErrorBody,
  ) {
    super(status === 0 ? 'network' : `HTTP ${status}`);
  }
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: { field?: string; message: string }[] };
}

async function request(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new RequestError(0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new RequestError(res.status, body?.error ? body : undefined);
  }
  return res;
}

/**
 * One meeting, with its next occurrences also given in the viewer's zone (`tz`). A zone the server does not know
 * (some browsers report their own names) is answered with a 400; the page then asks again without one, since it
 * formats the times in the viewer's zone itself.
 */
export async function fetchMeeting(id: string, viewerZone: string | null, signal: AbortSignal): Promise<MeetingDetail> {
  const query = viewerZone ? `?${new URLSearchParams({ tz: viewerZone }).toString()}` : '';
  const res = await request(`/api/meetings/${encodeURIComponent(id)}${query}`, {
    signal,
    headers: { accept: 'application/json' },
  });
  return (await res.json()) as MeetingDetail;
}

export interface CorrectionBody {
  kind: string;
  details: string;
  contact?: string;
}

/** Sends a correction for the listing's owner; resolves with the stored request's id. */
export async function sendCorrection(id: number, body: CorrectionBody): Promise<number> {
  const res = await request(`/api/meetings/${id}/corrections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { id: number }).id;
}
