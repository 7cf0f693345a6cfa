import type { NextFunction, Request, Response } from 'express';
import { type DomainErrorCode, isDomainError } from '@mottak/domain';
import type { Logger } from '@mottak/runtime';

/** An RFC 9457 problem detail. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: 400,
  // The rule-set file on the server is invalid, not the request: 422, with file, line and reason.
  RULESET_INVALID: 422,
  RETENTION_RULES_INVALID: 400,
  NOT_DUE_FOR_DISPOSAL: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CHANNEL_NOT_ALLOWED: 403,
  REPORT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  LOG_ENTRY_NOT_FOUND: 404,
  TREE_SIZE_INVALID: 400,
  INVALID_STATE_TRANSITION: 409,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  JOURNAL_NUMBER_CONFLICT: 409,
  USER_EXISTS: 409,
  APPROVAL_ALREADY_DECIDED: 409,
  REVIEW_ALREADY_DECIDED: 409,
  RULESET_READ_ONLY: 409,
  SAME_PERSON: 403,
  PERSONAL_DATA_NEED_REQUIRED: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  DQ_BLOCKED: 422,
  JOURNAL_NUMBER_OUT_OF_RANGE: 503,
  SEARCH_UNAVAILABLE: 503,
  ATTACHMENT_TOO_LARGE: 413,
  EMAIL_INVALID: 400,
  ATTACHMENTS_UNAVAILABLE: 503,
  SAVED_SEARCH_LIMIT_REACHED: 409,
  SAVED_SEARCH_NAME_TAKEN: 409,
  HANDOVER_NOTE_LIMIT_REACHED: 409,
};

const TITLES: Record<number, string> = {
  400: 'Ugyldig forespørsel',
  401: 'Ikke innlogget',
  403: 'Ingen tilgang',
  404: 'Finnes ikke',
  405: 'Metoden støttes ikke',
  409: 'Konflikt',
  413: 'For stor forespørsel',
  415: 'Ustøttet innholdstype',
  422: 'Kan ikke behandles',
  429: 'For mange forespørsler',
  500: 'Intern feil',
  503: 'Tjenesten er midlertidig utilgjengelig',
};

/** Thrown inside the HTTP layer for problems that are not domain errors (bad JSON, wrong media type). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: Problem['errors'],
  ) {
    super(detail);
  }
}

/** Builds a problem body with the title for its status. */
export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  // Extensions never override the standard members (a domain detail named `status` once did).
  return {
    ...extra,
    type: `/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Feil',
    status,
    code,
    detail,
  };
}

/** Sends a problem as application/problem+json. */
export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The one place where errors become HTTP answers. Domain codes map to statuses; anything unexpected
 * is logged with its stack and answered as a bare 500 problem with the request id, never a trace.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const instance = req.originalUrl;
    if (isDomainError(error)) {
      const status = STATUS_BY_CODE[error.code];
      const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
      const extra: Partial<Problem> = { instance, ...(error.details ?? {}) };
      if (field) extra.errors = [{ field, message: error.message }];
      return sendProblem(res, problem(status, error.code, error.message, extra));
    }
    if (error instanceof HttpProblem) {
      return sendProblem(res, problem(error.status, error.code, error.message, { instance, ...(error.errors ? { errors: error.errors } : {}) }));
    }
    const parserError = error as BodyParserError;
    if (parserError?.type === 'entity.too.large') {
      return sendProblem(res, problem(413, 'PAYLOAD_TOO_LARGE', 'Forespørselen er større enn grensen', { instance }));
    }
    if (parserError?.type === 'entity.parse.failed') {
      return sendProblem(res, problem(400, 'MALFORMED_JSON', 'Kroppen er ikke gyldig JSON', { instance }));
    }
    if (parserError?.type && typeof parserError.status === 'number' && parserError.status < 500) {
      return sendProblem(res, problem(parserError.status, 'BAD_REQUEST', 'Forespørselen kunne ikke leses', { instance }));
    }
    const requestId = String(req.id ?? '');
    logger.error({ err: error, requestId }, 'uventet feil');
    return sendProblem(res, problem(500, 'INTERNAL', 'En uventet feil oppstod; oppgi forespørsels-id ved henvendelse', { instance, requestId }));
  };
}
