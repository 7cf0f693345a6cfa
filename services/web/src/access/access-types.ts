/** A request one person makes and a second person decides (GET /api/v1/approvals). */
export interface ApprovalRequest {
  id: string;
  kind: 'tilgang' | 'nedgradering' | 'kassasjon';
  reportId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  grantee?: string;
  grantHours?: number;
  change?: { gradering: string; compartments: string[] };
  status: 'venter' | 'godkjent' | 'avslatt';
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
  expiresAt?: string;
}

/** One use of break-glass (GET /api/v1/break-glass). */
export interface BreakGlassUse {
  seq: number;
  at: string;
  actor: string;
  reportId?: string;
  reason: string;
  outcome: string;
  neededGlass?: boolean;
}

export const APPROVAL_KIND_LABELS: Record<ApprovalRequest['kind'], string> = {
  tilgang: 'Tilgang (tjenstlig behov)',
  nedgradering: 'Nedgradering / fjerne rom',
  kassasjon: 'Kassasjon',
};

export const APPROVAL_STATUS_LABELS: Record<ApprovalRequest['status'], string> = {
  venter: 'Venter',
  godkjent: 'Godkjent',
  avslatt: 'Avslått',
};
