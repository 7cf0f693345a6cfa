import type { RuleSet } from '@mottak/assessment';
import type { DqCatalogue } from '@mottak/quality';
import type { RetentionRuleSet } from '@mottak/domain';
import type { CheckpointKey } from './merkle';
import type {
  ApprovalStore,
  AuditLog,
  CaseStore,
  Clock,
  IdGenerator,
  IdentityStore,
  QualityStore,
  JobQueue,
  PasswordHasher,
  ReportEvents,
  ReportStore,
  SearchIndex,
} from './ports';

/** Everything the use cases need, chosen by a service's composition root. */
export interface CoreDeps {
  store: ReportStore;
  queue: JobQueue;
  index: SearchIndex;
  audit: AuditLog;
  identity: IdentityStore;
  approvals: ApprovalStore;
  cases: CaseStore;
  /** Committed state changes, for live views (the store given here already publishes to it). */
  events: ReportEvents;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  /** The rule set in force; a function so that a reload takes effect without a restart. */
  ruleSet: () => RuleSet;
  /** The data-quality catalogue in force; the shipped one when absent. */
  dqCatalogue?: () => DqCatalogue;
  /** The retention rules in force (kassasjon); the shipped default when absent. */
  retentionRules?: () => RetentionRuleSet;
  /** Data-quality runs and results, and paged report reads for batch runs and exports; absent where no adapter is wired. */
  quality?: QualityStore;
  sessionTtlMs: number;
  /** The Ed25519 key that signs Merkle checkpoints of the journal and the audit log. */
  checkpointKey: CheckpointKey;
}

/** Job names on the queue. */
export const ASSESS_JOB = 'assess';
