import type { IssueCode, MeetingIssue } from '../model.js';

/** Collects what is wrong with one record: reasons to reject it, and warnings. */
export class IssueList {
  readonly reasons: MeetingIssue[] = [];
  readonly warnings: MeetingIssue[] = [];

  reject(code: IssueCode, field: string | undefined, message: string): void {
    this.reasons.push(field === undefined ? { code, message } : { code, field, message });
  }

  warn(code: IssueCode, field: string | undefined, message: string): void {
    this.warnings.push(field === undefined ? { code, message } : { code, field, message });
  }

  get rejected(): boolean {
    return this.reasons.length > 0;
  }
}

/**
 * A feed element must be a JSON object to be a meeting; anything else is
 * rejected with a reason naming what it was.
 */
export function asRecord(raw: unknown, issues: IssueList): Record<string, unknown> | null {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
  const what = raw === null ? 'null' : Array.isArray(raw) ? 'a list' : `a ${typeof raw}`;
  issues.reject('invalid_record', undefined, `a meeting should be a JSON object, not ${what}`);
  return null;
}
