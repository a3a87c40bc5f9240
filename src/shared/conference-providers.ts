/**
 * Product names for the server's provider ids (src/server/modules/meetings/normalize/conference.ts), written as each
 * product writes itself; they are names, not words to translate. An id not listed gets the plain "Join online".
 */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  zoom: 'Zoom',
  google_meet: 'Google Meet',
  teams: 'Microsoft Teams',
  jitsi: 'Jitsi Meet',
  webex: 'Webex',
  gotomeeting: 'GoTo Meeting',
  discord: 'Discord',
  signal: 'Signal',
  skype: 'Skype',
  freeconference: 'FreeConference',
  whereby: 'Whereby',
  bluejeans: 'BlueJeans',
  ringcentral: 'RingCentral',
  starleaf: 'StarLeaf',
  chime: 'Amazon Chime',
  facetime: 'FaceTime',
  whatsapp: 'WhatsApp',
};

/** A conference provider id's product name, or null for an id not listed (then the link says "Join online"). */
export function providerName(id: string | null): string | null {
  return (id && PROVIDER_NAMES[id]) ?? null;
}
