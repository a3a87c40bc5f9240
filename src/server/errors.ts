/**
 * Errors with stable codes. Clients (our web app included) switch on `code`,
 * never on `message`, so codes are part of the API and must not change.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  invalid_json: 400,
  bad_request: 400,
  reset_token_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  second_factor_required: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Where the problem is, e.g. `querystring.lat` or `body.name`. */
  field?: string;
  message: string;
  /** A stable key for the problem where clients word it themselves (a password-strength reason). */
  code?: string;
}

export class AppError extends Error {
  readonly statusCode: number;
  /** Seconds a client should wait before retrying (sent as `Retry-After` with a 429 or 503). */
  retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERROR_CODES[code];
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new AppError('bad_request', message, details);
export const validationFailed = (details: ErrorDetail[]) =>
  new AppError('validation_failed', 'Some of the values sent are not valid.', details);
export const notFound = (what = 'resource') => new AppError('not_found', `The ${what} was not found.`);
export const forbidden = () => new AppError('forbidden', 'You are not allowed to do that.');
export const unauthorized = () => new AppError('unauthorized', 'Please sign in first.');
export const conflict = (message: string) => new AppError('conflict', message);
export const tooManyRequests = (retryAfterSeconds: number, message: string) =>
  Object.assign(new AppError('rate_limited', message), { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
export const notReady = (message: string) => new AppError('not_ready', message);

/** The body every error response has: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; details?: ErrorDetail[] };
}

export const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';
