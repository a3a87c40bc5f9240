import { AppError } from '../../../errors.js';

/**
 * A refusal on the socket, sent as `{t:'error', code, message, room?, nonce?, retry_after?}`. Codes are stable
 * (clients switch on them); docs/groups.md lists them.
 */
export type ChatErrorCode =
  | 'bad_frame'
  | 'rate_limited'
  | 'not_found'
  | 'not_joined'
  | 'too_many_rooms'
  | 'unauthorized'
  | 'forbidden'
  | 'second_factor_required'
  | 'conduct_not_accepted'
  | 'room_closed'
  | 'removed'
  | 'muted'
  | 'locked'
  | 'slow_mode'
  | 'cross_talk'
  | 'edit_window'
  | 'not_live'
  | 'bad_request'
  | 'internal';

export class ChatError extends Error {
  constructor(
    readonly code: ChatErrorCode,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

/** The policy's refusals (`authorize` throws AppError) as socket errors; anything else is not ours to word. */
export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof AppError && (err.code === 'unauthorized' || err.code === 'forbidden' || err.code === 'second_factor_required'))
    return new ChatError(err.code, err.message);
  return new ChatError('internal', 'Something went wrong on our side. Please try again in a moment.');
}

export const roomClosed = () => new ChatError('room_closed', 'This room is closed.');
export const roomNotFound = () => new ChatError('not_found', 'There is no such room.');
