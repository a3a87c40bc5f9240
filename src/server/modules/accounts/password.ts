import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 50–90 ms here, enough to make
 * guessing a stolen hash slow while a sign-in still feels instant. Changing these re-hashes nobody; `verify` reads
 * the parameters from each stored hash, and `needsRehash` says when to upgrade one at sign-in.
 */
export const ARGON2_PARAMS = {
  // Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import)
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

export function needsRehash(stored: string): boolean {
  return !stored.startsWith(
    `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`,
  );
}

let dummyHash: Promise<string> | undefined;
/**
 * Checks a password against a fixed hash, for a handle that does not exist: the answer then takes as long as for a
 * real account, so timing does not reveal which handles exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('kinship: no such account');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** zxcvbn's English warning texts back to their keys: clients word the reason in the reader's language. */
const WARNING_KEYS = new Map(Object.entries(english.translations.warnings).map(([key, text]) => [text, key]));

let estimator: ZxcvbnFactory | undefined;
/** zxcvbn's dictionaries take half a second to index, so it is built once per process, on first use. */
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Builds the estimator ahead of the first sign-up (called after the server listens). */
export function warmPasswordCheck(): void {
  strength();
}

/** zxcvbn's score (0–4) must reach this: "very unguessable" would refuse too many good passphrases. */
export const MIN_STRENGTH = 3;

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  warning: string | null;
  /** zxcvbn's warning as a stable key (`straightRow`, `commonNames`…; `weak` when it gives none), for translation. */
  reason: string | null;
}

/**
 * NIST 800-63B's rules: length (checked by the schema) and not guessable; no composition rules. Runs offline on
 * zxcvbn's bundled lists, with the member's handle and e-mail counted as guessable words.
 */
export function checkPasswordStrength(password: string, personal: string[] = []): PasswordVerdict {
  const result = strength().check(password, personal.filter(Boolean));
  const ok = result.score >= MIN_STRENGTH;
  if (ok) return { ok, score: result.score, warning: null, reason: null };
  const warning = result.feedback.warning || null;
  const reason = (warning && WARNING_KEYS.get(warning)) ?? 'weak';
  return { ok, score: result.score, warning: warning ?? 'This password is easy to guess.', reason };
}
