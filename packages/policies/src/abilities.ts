import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery, subject as tagSubject } from '@casl/ability';
import { graderingerReadableWith, REGISTERED_STATUSES, type Report, type User } from '@mottak/domain';

/**
 * Actions on subjects. `read` on Report covers get, list, search hits, counts and snippets alike,
 * so that one rule decides everything a user can learn about a report.
 */
export type Action = 'read' | 'create' | 'assess' | 'register' | 'manage' | 'verify' | 'replay';
export type SubjectName = 'Report' | 'User' | 'AuditLog' | 'Journal' | 'Job' | 'all';

/** The fields of a report that access rules may look at; every engine must index these. */
export interface ReportAccessFields {
  gradering: Report['gradering'];
  compartments: string[];
  status: Report['status'];
}

export type AppAbility = MongoAbility<[Action, SubjectName | ({ __caslSubjectType__: 'Report' } & ReportAccessFields)], MongoQuery>;

/**
 * Builds the ability of one user. Deny by default: a user gets only what a role below grants,
 * and reading a report always needs both klarering ≥ gradering and membership of every
 * compartment the report is in (need-to-know).
 */
export function defineAbilityFor(user: User): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (user.disabled) return build();

  const readable = { gradering: { $in: graderingerReadableWith(user.klarering) } };
  const roles = new Set(user.roles);

  if (roles.has('koordinator') || roles.has('fagansvarlig')) {
    can('read', 'Report', readable);
    can('create', 'Report');
    can('assess', 'Report', readable);
    can('register', 'Report', readable);
  }
  if (roles.has('sokebruker')) {
    can('read', 'Report', { ...readable, status: { $in: [...REGISTERED_STATUSES] } });
  }
  if (roles.has('fagansvarlig')) {
    can('read', 'Journal');
    can('read', 'Job');
    can('replay', 'Job');
  }
  if (roles.has('revisor')) {
    can('read', 'AuditLog');
    can('read', 'Journal');
    can('verify', 'Journal');
  }
  if (roles.has('admin')) {
    can('manage', 'User');
    can('read', 'Job');
    can('replay', 'Job');
  }

  // Need-to-know: any compartment of the report the user is not in hides the report entirely,
  // whatever role granted access above.
  for (const action of ['read', 'assess', 'register'] as const) {
    cannot(action, 'Report', { compartments: { $elemMatch: { $nin: user.compartments } } });
  }
  return build();
}

/** Tags a report (or its access fields) so CASL checks it as a Report. */
export function asReportSubject(report: ReportAccessFields) {
  return tagSubject('Report', {
    gradering: report.gradering,
    compartments: report.compartments,
    status: report.status,
  });
}
