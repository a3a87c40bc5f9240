/**
 * Copies of CORRECTION_KINDS and CORRECTION_LIMITS (src/shared/schemas/corrections.ts) for the form's select and
 * maxLength attributes: importing that module would bring zod into the page. correction-limits.test.ts fails if the
 * two drift apart.
 */
export const CORRECTION_KINDS = ['time', 'location', 'online', 'contact', 'types', 'closed', 'other'] as const;
export const CORRECTION_LIMITS = { details: 2000, contact: 200 } as const;

export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
