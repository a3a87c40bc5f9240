import { z } from 'zod';

/*
 * Query parameters as BMLT clients send them. Lists come as "1,2", as
 * repeated keys (which Fastify turns into an array) or as `key[]=` (a key of
 * its own); all are read the same way. An empty value means "not given", as
 * on a BMLT server. Each helper reports a bad value on its own parameter, so
 * a 400 names it.
 */

const MAX_LIST_CHARS = 4000;
const MAX_LIST_ITEMS = 500;

const listInput = z.union([z.string(), z.array(z.string())]).optional();

function splitList(raw: string | string[], ctx: z.RefinementCtx): string[] | undefined {
  const parts = Array.isArray(raw) ? raw : [raw];
  if (parts.reduce((n, p) => n + p.length, 0) > MAX_LIST_CHARS) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_LIST_CHARS} characters in all` });
    return undefined;
  }
  const items = parts
    .flatMap((p) => p.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length > MAX_LIST_ITEMS) {
    ctx.addIssue({ code: 'custom', message: `must list at most ${MAX_LIST_ITEMS} values` });
    return undefined;
  }
  return items;
}

/**
 * Whole numbers whose size is 1 to `max`; a negative number means "not this"
 * when `negatives` is allowed.
 */
export function intListParam(description: string, max: number, negatives = true) {
  return listInput
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const items = splitList(raw, ctx);
      if (items === undefined) return z.NEVER;
      const out: number[] = [];
      for (const item of items) {
        const n = /^[+-]?\d{1,15}$/.test(item) ? Number(item) : NaN;
        if (!Number.isSafeInteger(n) || n === 0 || Math.abs(n) > max || (!negatives && n < 0)) {
          const range = negatives ? `1 to ${max}, or -${max} to -1 to exclude` : `1 to ${max}`;
          ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 20)}" is not a whole number from ${range}` });
          return z.NEVER;
        }
        out.push(n);
      }
      return out;
    })
    .describe(description);
}

/** Short strings, such as format key strings. */
export function stringListParam(description: string, maxLength: number) {
  return listInput
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const items = splitList(raw, ctx);
      if (items === undefined) return z.NEVER;
      const long = items.find((s) => s.length > maxLength);
      if (long !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${long.slice(0, 20)}…" is longer than ${maxLength} characters` });
        return z.NEVER;
      }
      return items;
    })
    .describe(description);
}

function numberParam(description: string, pattern: RegExp, min: number, max: number, kind: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const s = raw?.trim();
      if (s === undefined || s === '') return undefined;
      const n = s.length <= 32 && pattern.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 20)}" is not ${kind} from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    })
    .describe(description);
}

/** A decimal number in a range. */
export const decimalParam = (description: string, min: number, max: number) =>
  numberParam(description, /^[+-]?(\d+(\.\d*)?|\.\d+)$/, min, max, 'a number');

/** A whole number in a range. */
export const intParam = (description: string, min: number, max: number) =>
  numberParam(description, /^[+-]?\d+$/, min, max, 'a whole number');

/** "1" for yes; "0" or empty for no. */
export const flagParam = (description: string) =>
  z
    .enum(['0', '1', ''])
    .optional()
    .transform((v) => v === '1')
    .describe(description);

/** A switch that counts when present at all, whatever its value (`&get_used_formats`). */
export const presenceParam = (description: string) =>
  z
    .string()
    .max(10)
    .optional()
    .transform((v) => v !== undefined)
    .describe(description);

/** Minutes from BMLT's separate hour and minute parameters, or undefined when neither is given. */
export function timeOf(hours: number | undefined, minutes: number | undefined): number | undefined {
  if (hours === undefined && minutes === undefined) return undefined;
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
