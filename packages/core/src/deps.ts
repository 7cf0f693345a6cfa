import type { RuleSet } from '@mottak/assessment';
import type {
  AuditLog,
  Clock,
  IdGenerator,
  IdentityStore,
  JobQueue,
  PasswordHasher,
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
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  /** The rule set in force; a function so that a reload takes effect without a restart. */
  ruleSet: () => RuleSet;
  sessionTtlMs: number;
}

/** Job names on the queue. */
export const ASSESS_JOB = 'assess';
