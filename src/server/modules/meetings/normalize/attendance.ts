import type { Attendance } from '../../../db/types.js';

/**
 * How one attends, by DOMAIN.md's rules (as tsml-ui applies them):
 * - online: a usable conference link (http(s), known provider) or a dial-in
 *   number with at least 10 digits;
 * - in person: a specific (not approximate) address, and not temporarily
 *   closed (TC);
 * - both is hybrid, neither is inactive.
 */
export function deriveAttendance(m: {
  specificAddress: boolean;
  temporarilyClosed: boolean;
  usableLink: boolean;
  usablePhone: boolean;
}): Attendance {
  const online = m.usableLink || m.usablePhone;
  const inPerson = m.specificAddress && !m.temporarilyClosed;
  if (online && inPerson) return 'hybrid';
  if (online) return 'online';
  if (inPerson) return 'in_person';
  return 'inactive';
}
