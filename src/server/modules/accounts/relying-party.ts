import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';

/** Who the passkeys belong to (WebAuthn §5.4.2): the RP ID is a host name, the origin what the browser reports. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The site's own address for passkeys and e-mailed links: PUBLIC_URL when it is set. Without it (development,
 * tests) the request's own Host is trusted only when it is a loopback name, because a Host header is whatever the
 * client sends: trusting any would let a stranger bind passkeys to, or mail reset links for, another host.
 * Returns undefined when neither applies.
 */
export function siteOrigin(config: Config, request: FastifyRequest): URL | undefined {
  if (config.publicUrlConfigured) return new URL(config.publicUrl);
  try {
    const url = new URL(`${request.protocol}://${request.host}`);
    return LOOPBACK.has(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The relying party for this request. Browsers refuse WebAuthn on an IP-address RP ID, so local browser tests must
 * use http://localhost:<port> (127.0.0.1 and ::1 are accepted here only for non-browser clients).
 */
export function relyingParty(config: Config, request: FastifyRequest): RelyingParty {
  const url = siteOrigin(config, request);
  if (!url) throw new AppError('bad_request', 'Passkeys need PUBLIC_URL to be set on this server.');
  // An IPv6 literal's hostname keeps its brackets in a URL; an RP ID is the bare address.
  return { id: url.hostname.replace(/^\[(.*)\]$/, '$1'), origin: url.origin, name: 'Kinship' };
}
