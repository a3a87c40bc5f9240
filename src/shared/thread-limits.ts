/**
 * Limits and vocabularies of discussion threads (issue 7, docs/groups.md "Discussion threads"), apart from their
 * zod schemas (`schemas/group-threads.ts` re-exports them) so the web's thread pages read them without loading
 * zod: people on slow connections open these pages.
 */
export const THREAD_LIMITS = {
  titleMax: 140,
  /** The same as chat's `CHAT_LIMITS.bodyMax` (a test holds them equal). */
  bodyMax: 4000,
  reportNoteMax: 1000,
  /** Items before the reported one copied into the report. */
  reportContext: 5,
} as const;

export const REACTION_KINDS = ['with_you', 'strength', 'heart'] as const;
export type ReactionKindName = (typeof REACTION_KINDS)[number];
