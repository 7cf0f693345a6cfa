/** Stable error codes; only the API edge maps them to HTTP statuses. */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'REPORT_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INVALID_STATE_TRANSITION'
  | 'VERSION_CONFLICT'
  | 'JOURNAL_NUMBER_CONFLICT'
  | 'JOURNAL_NUMBER_OUT_OF_RANGE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CHANNEL_NOT_ALLOWED'
  | 'USER_EXISTS'
  | 'RULESET_INVALID'
  | 'SEARCH_UNAVAILABLE'
  | 'JOB_NOT_FOUND';

/** An expected failure of a use case, carrying a stable code and a message safe to show users. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** True for errors raised deliberately by the domain or core (as opposed to bugs). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
