import { apiRequest } from './account-api.js';

/**
 * Blocking (issue 7, docs/groups.md "Safety"): a member stops seeing another member's messages and posts; the
 * blocked member is not told. Used by the thread page (block from a post) and the account page (the list, unblock).
 */
export interface BlockedMember {
  handle: string;
  since: string;
}

export const listBlocks = () => apiRequest<{ blocked: BlockedMember[] }>('GET', '/api/account/blocks');

export const blockMember = (handle: string) => apiRequest<unknown>('PUT', `/api/account/blocks/${encodeURIComponent(handle)}`);

export const unblockMember = (handle: string) =>
  apiRequest<unknown>('DELETE', `/api/account/blocks/${encodeURIComponent(handle)}`);
