/** Stable error codes; only the API edge maps them to HTTP statuses. */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'REPORT_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INVALID_STATE_TRANSITION'
  /** A status change the life cycle does not allow; details name from, to and the allowed targets. */
  | 'ILLEGAL_TRANSITION'
  | 'VERSION_CONFLICT'
  | 'JOURNAL_NUMBER_CONFLICT'
  | 'JOURNAL_NUMBER_OUT_OF_RANGE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CHANNEL_NOT_ALLOWED'
  | 'USER_EXISTS'
  | 'RULESET_INVALID'
  | 'RULESET_READ_ONLY'
  /** A retention rule file that cannot be used (conflicting or invalid rules). */
  | 'RETENTION_RULES_INVALID'
  /** Disposal asked for a report that is not due for it (or is already disposed, or in an open case). */
  | 'NOT_DUE_FOR_DISPOSAL'
  /** Blocking data-quality rules failed; details.findings lists what to fix. */
  | 'DQ_BLOCKED'
  | 'SEARCH_UNAVAILABLE'
  | 'JOB_NOT_FOUND'
  | 'APPROVAL_ALREADY_DECIDED'
  | 'REVIEW_ALREADY_DECIDED'
  | 'SAME_PERSON'
  | 'PERSONAL_DATA_NEED_REQUIRED'
  | 'LOG_ENTRY_NOT_FOUND'
  | 'TREE_SIZE_INVALID'
  /** An attachment or message larger than the configured limit (details: field, limitBytes). */
  | 'ATTACHMENT_TOO_LARGE'
  /** An upload that is not an e-mail message at all (empty, binary, no header). */
  | 'EMAIL_INVALID'
  /** No attachment store is wired on this profile. */
  | 'ATTACHMENTS_UNAVAILABLE'
  /** A user already has the most saved searches allowed (details: limit). */
  | 'SAVED_SEARCH_LIMIT_REACHED'
  /** A user already has a saved search with this name. */
  | 'SAVED_SEARCH_NAME_TAKEN'
  /** A report already holds the most handover notes allowed (details: limit). */
  | 'HANDOVER_NOTE_LIMIT_REACHED';

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
