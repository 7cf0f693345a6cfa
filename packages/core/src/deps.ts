import type { RuleSet } from '@mottak/assessment';
import type { DqCatalogue } from '@mottak/quality';
import type { RetentionRuleSet } from '@mottak/domain';
import type { CheckpointKey } from './merkle';
import type {
  ApprovalStore,
  AttachmentStore,
  DocumentReader,
  AssessmentStatsStore,
  RuleSetSource,
  AuditLog,
  CaseStore,
  Clock,
  IdGenerator,
  IdentityStore,
  QualityStore,
  ReviewStore,
  JobQueue,
  PasswordHasher,
  ReportEvents,
  ReportStore,
  SavedSearchStore,
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
  /** Where the rule set comes from: its file, version and load time, and reloading it. */
  ruleSets: RuleSetSource;
  /** Source histories (Admiralty suggestion) and override counts per rule. */
  assessmentStats: AssessmentStatsStore;
  /** The data-quality catalogue in force; the shipped one when absent. */
  dqCatalogue?: () => DqCatalogue;
  /** The retention rules in force (kassasjon); the shipped default when absent. */
  retentionRules?: () => RetentionRuleSet;
  /** Data-quality runs and results, and paged report reads for batch runs and exports; absent where no adapter is wired. */
  quality?: QualityStore;
  /** Four-eyes review samples (stikkprøver); absent where no adapter is wired (the routes answer 503). */
  reviews?: ReviewStore;
  /** Content-addressed attachments and original messages; absent where no engine is wired (uploads answer 503). */
  attachments?: AttachmentStore;
  /** Users' saved searches (new matches counted on demand); absent where no adapter is wired (the routes answer 503). */
  savedSearches?: SavedSearchStore;
  /** Parsers for e-mail (MIME), PDF and DOCX; absent where none is wired. */
  documents?: DocumentReader;
  /** Largest attachment or original message in bytes; DEFAULT_ATTACHMENT_LIMIT_BYTES when absent. */
  attachmentLimitBytes?: number;
  /** How long one attachment's text extraction may take (EXTRACTION_TIMEOUT_MS when absent). */
  extractionTimeoutMs?: number;
  sessionTtlMs: number;
  /** The Ed25519 key that signs Merkle checkpoints of the journal and the audit log. */
  checkpointKey: CheckpointKey;
}

/** Job names on the queue. */
export const ASSESS_JOB = 'assess';
