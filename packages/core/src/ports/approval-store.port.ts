import type { ApprovalKind, ApprovalRequest, ApprovalStatus } from '@mottak/domain';

export interface ApprovalListQuery {
  status?: ApprovalStatus;
  kind?: ApprovalKind;
  requestedBy?: string;
  reportId?: string;
  limit: number;
}

/** The outcome a second person records on a pending request. */
export interface ApprovalDecision {
  status: Exclude<ApprovalStatus, 'venter'>;
  decidedBy: string;
  decidedAt: string;
  decisionNote?: string;
  /** For an approved grant: when it lapses. */
  expiresAt?: string;
}

/**
 * Requests that need a second person (need-to-know grants, lowering a gradering or removing a
 * compartment, disposal). Requests are never deleted; a decision is recorded once and only once.
 */
export interface ApprovalStore {
  create(request: ApprovalRequest): Promise<void>;
  get(id: string): Promise<ApprovalRequest | undefined>;
  /** Newest first. */
  list(query: ApprovalListQuery): Promise<ApprovalRequest[]>;
  /**
   * Records the decision if the request is still pending, atomically (two approvers racing: one
   * wins). Throws APPROVAL_ALREADY_DECIDED otherwise, NOT_FOUND if there is no such request.
   */
  decide(id: string, decision: ApprovalDecision): Promise<ApprovalRequest>;
  /** Ids of reports `grantee` holds an approved grant for that has not expired at `now`. */
  activeGrantReportIds(grantee: string, now: string): Promise<string[]>;
  close(): Promise<void>;
}
