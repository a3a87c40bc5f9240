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
