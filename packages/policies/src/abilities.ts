import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery, subject as tagSubject } from '@casl/ability';
import { graderingerReadableWith, REGISTERED_STATUSES, type Report, type User } from '@mottak/domain';

/**
 * Actions on subjects. `read` on Report covers get, list, search hits, counts and snippets alike,
 * so that one rule decides everything a user can learn about a report.
 */
export type Action = 'read' | 'create' | 'assess' | 'register' | 'manage' | 'verify' | 'replay' | 'request' | 'approve' | 'break-glass' | 'change-marking' | 'update' | 'export' | 'dispose' | 'count';
export type SubjectName = 'Report' | 'User' | 'AuditLog' | 'Journal' | 'Job' | 'Approval' | 'Case' | 'Quality' | 'Retention' | 'RuleSet' | 'RuleStats' | 'all';

/**
 * The field-level permission on a report that covers personal identifiers in title, body and
 * snippets and the reporter's contact details. Without it, a user sees the report masked.
 */
export const PERSONAL_DATA_FIELD = 'personopplysninger';

/** Context beyond the user record that widens access: approved, unexpired need-to-know grants. */
export interface AbilityContext {
  /** Ids of reports the user holds an approved, unexpired grant (tilgang) for. */
  grantedReportIds?: readonly string[];
}

/** The fields of a report that access rules may look at; every engine must index these. */
export interface ReportAccessFields {
  id: string;
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
export function defineAbilityFor(user: User, context: AbilityContext = {}): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (user.disabled) return build();

  const readable = { gradering: { $in: graderingerReadableWith(user.klarering) } };
  const roles = new Set(user.roles);
  const granted = [...new Set(context.grantedReportIds ?? [])];
  const readsReports = roles.has('koordinator') || roles.has('fagansvarlig') || roles.has('sokebruker');

  if (roles.has('koordinator') || roles.has('fagansvarlig')) {
    can('read', 'Report', readable);
    can('create', 'Report');
    can('assess', 'Report', readable);
    can('register', 'Report', readable);
    can('change-marking', 'Report', readable);
    // Life cycle and corrections (status changes, new versions, merging duplicates) and cases.
    can('update', 'Report', readable);
    can('read', 'Case');
    can('create', 'Case');
    can('update', 'Case');
  }
  if (roles.has('sokebruker')) {
    can('read', 'Report', { ...readable, status: { $in: [...REGISTERED_STATUSES] } });
  }
  if (readsReports) {
    // A grant is need-to-know on one report; it never lifts the klarering requirement.
    if (granted.length > 0) can('read', 'Report', { ...readable, id: { $in: granted } });
    can('request', 'Approval');
  }
  if (roles.has('koordinator') || roles.has('fagansvarlig')) {
    // Personal data is what coordinators assess; search users need the explicit need.
  } else if (!user.needs.includes('personopplysninger')) {
    cannot('read', 'Report', PERSONAL_DATA_FIELD);
  }
  if (roles.has('fagansvarlig')) {
    can('read', 'Journal');
    can('read', 'Job');
    can('replay', 'Job');
    can('read', 'Approval');
    can('approve', 'Approval');
    // Data quality (scores, findings, batch runs) and exports; what is exported is still only what they may read.
    can('read', 'Quality');
    can('create', 'Quality');
    can('export', 'Report');
    // Retention: what is due for review or disposal, and asking to dispose (a second fagansvarlig approves).
    can('read', 'Retention');
    can('dispose', 'Report', readable);
  }
  if (roles.has('fagansvarlig') || roles.has('revisor')) {
    // Rule override rates. `count` on Report: a report may be counted in such statistics, never
    // opened, and only within klarering and need-to-know (the compartment rule below covers it).
    can('read', 'RuleStats');
    can('count', 'Report', readable);
  }
  if (roles.has('fagansvarlig') || roles.has('admin')) {
    // The assessment rule set in force: its version, and reloading it from its file.
    can('read', 'RuleSet');
    can('update', 'RuleSet');
  }
  if (roles.has('revisor')) {
    can('read', 'AuditLog');
    can('read', 'Journal');
    can('verify', 'Journal');
    can('verify', 'AuditLog');
  }
  if (roles.has('admin')) {
    can('manage', 'User');
    can('read', 'Job');
    can('replay', 'Job');
  }

  // Need-to-know: any compartment of the report the user is not in hides the report entirely,
  // whatever role granted access above.
  // A grant lifts this for reading the granted reports only.
  const outsideCompartments = { compartments: { $elemMatch: { $nin: user.compartments } } };
  cannot('read', 'Report', granted.length > 0 ? { ...outsideCompartments, id: { $nin: granted } } : outsideCompartments);
  for (const action of ['assess', 'register', 'change-marking', 'update', 'dispose', 'count'] as const) cannot(action, 'Report', outsideCompartments);
  return build();
}

/**
 * What a user may open by breaking the glass: any report their klarering covers, whatever its
 * compartments or status, but only users who read reports at all, and never above klarering.
 * Every use is audited with its reason and alerted to supervisors by the caller.
 */
export function defineBreakGlassAbilityFor(user: User): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (user.disabled) return build();
  const roles = new Set(user.roles);
  if (roles.has('koordinator') || roles.has('fagansvarlig') || roles.has('sokebruker')) {
    can('read', 'Report', { gradering: { $in: graderingerReadableWith(user.klarering) } });
    can('break-glass', 'Report', { gradering: { $in: graderingerReadableWith(user.klarering) } });
  }
  return build();
}

/** True when `ability` must see reports with personal identifiers and reporter contact masked. */
export function mustMaskPersonalData(ability: AppAbility): boolean {
  return !ability.can('read', 'Report', PERSONAL_DATA_FIELD);
}

/** Tags a report (or its access fields) so CASL checks it as a Report. */
export function asReportSubject(report: ReportAccessFields) {
  return tagSubject('Report', {
    id: report.id,
    gradering: report.gradering,
    compartments: report.compartments,
    status: report.status,
  });
}
