import type { GroupPage } from '../../../../shared/schemas/groups.js';
import type { Post, ReactionKindName } from '../../../../shared/schemas/group-threads.js';
import { apiRequest } from '../../../lib/account-api.js';

/**
 * The threads' REST side (docs/groups.md "REST API"). Shapes are the shared schemas' types (types only, so zod is
 * not parsed here); the server validates every body.
 */
export type { Post, ReactionKindName };

export interface ThreadSummary {
  id: number;
  title: string | null;
  author: string | null;
  reply_count: number;
  created_at: string;
  last_activity_at: string;
  deleted: boolean;
  hidden: boolean;
  reactions: Record<ReactionKindName, number>;
}

export interface ThreadView {
  group: { slug: string; name: string };
  post: Post;
  replies: Post[];
  next_cursor: string | null;
}

export type Strategy = Post & { thread_title: string | null };

const slugPath = (slug: string) => `/api/groups/${encodeURIComponent(slug)}`;
const page = (cursor: string | null) => (cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');

export const fetchGroup = (slug: string) => apiRequest<GroupPage>('GET', slugPath(slug));

export const fetchThreads = (slug: string, cursor: string | null) =>
  apiRequest<{ threads: ThreadSummary[]; next_cursor: string | null }>('GET', `${slugPath(slug)}/threads${page(cursor)}`);

export const startThread = (slug: string, title: string, body: string) =>
  apiRequest<ThreadView>('POST', `${slugPath(slug)}/threads`, { title, body });

export const fetchThread = (id: number, cursor: string | null) =>
  apiRequest<ThreadView>('GET', `/api/threads/${id}${page(cursor)}`);

export const postReply = (threadId: number, body: string) =>
  apiRequest<Post>('POST', `/api/threads/${threadId}/replies`, { body });

export const editPost = (id: number, body: string, title?: string) =>
  apiRequest<Post>('PATCH', `/api/posts/${id}`, { body, ...(title !== undefined ? { title } : {}) });

export const deletePost = (id: number) => apiRequest<unknown>('DELETE', `/api/posts/${id}`);

export const setHidden = (id: number, hidden: boolean) =>
  apiRequest<Post>('POST', `/api/posts/${id}/${hidden ? 'hide' : 'unhide'}`);

export const setReaction = (id: number, kind: ReactionKindName, on: boolean) =>
  apiRequest<Post>(on ? 'PUT' : 'DELETE', `/api/posts/${id}/reactions/${kind}`);

export const setHelpful = (id: number, on: boolean) => apiRequest<Post>(on ? 'PUT' : 'DELETE', `/api/posts/${id}/helpful`);

export const fetchStrategies = (slug: string, cursor: string | null) =>
  apiRequest<{ strategies: Strategy[]; next_cursor: string | null }>('GET', `${slugPath(slug)}/strategies${page(cursor)}`);
