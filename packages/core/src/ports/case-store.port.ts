import type { Case, CaseEvent, CaseStatus } from '@mottak/domain';

/** A new case: the store gives it the next gap-free case number of `year`. */
export interface NewCaseCommand {
  id: string;
  year: number;
  title: string;
  event: CaseEvent;
}

/** A change of a case's status, applied only if the stored version still matches. */
export interface CaseStatusCommand {
  id: string;
  expectedVersion: number;
  status: CaseStatus;
  event: CaseEvent;
}

/**
 * Cases (saker) with their own gap-free numbers per year. Which reports belong to a case is kept on
 * the reports (ReportStore, under access rules), so a case never reveals a report by itself.
 */
export interface CaseStore {
  /** Creates a case with the next number of its year; the number and the case commit together. */
  create(command: NewCaseCommand): Promise<Case>;
  get(id: string): Promise<Case | undefined>;
  /** Newest first. */
  list(query: { status?: CaseStatus; limit: number; offset: number }): Promise<{ total: number; items: Case[] }>;
  /** Sets the status and appends the event; throws VERSION_CONFLICT (with currentVersion) or NOT_FOUND. */
  setStatus(command: CaseStatusCommand): Promise<Case>;
  close(): Promise<void>;
}
