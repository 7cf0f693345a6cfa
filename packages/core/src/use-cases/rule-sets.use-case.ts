import { RuleSetError } from '@mottak/assessment';
import { DomainError, type User } from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import type { LoadedRuleSet, RuleOverrideQuery } from '../ports';
import { actorName } from '../principal';

/** What supervisors see of the rule set in force in the process that answers. */
export interface RuleSetStatus {
  version: string;
  file: string;
  loadedAt: string;
  sha256: string;
  ruleCount: number;
  defaults: { priority: string; category: string };
}

function statusOf(loaded: LoadedRuleSet): RuleSetStatus {
  return {
    version: loaded.ruleSet.version,
    file: loaded.file,
    loadedAt: loaded.loadedAt,
    sha256: loaded.sha256,
    ruleCount: loaded.ruleSet.rules.length,
    defaults: { ...loaded.ruleSet.defaults },
  };
}

function requireRuleSetAbility(user: User, action: 'read' | 'update'): void {
  if (!defineAbilityFor(user).can(action, 'RuleSet')) throw new DomainError('FORBIDDEN', 'Bare fagansvarlige og administratorer styrer regelsettet');
}

/** The rule set in force: version, file, when it was loaded, how many rules. */
export function ruleSetStatus(deps: CoreDeps, user: User): RuleSetStatus {
  requireRuleSetAbility(user, 'read');
  return statusOf(deps.ruleSets.current());
}

/**
 * Reads the rule-set file again and puts it in force without a restart. An invalid file is refused
 * with RuleSetError (file, line, reason) and the running rule set stays. Both outcomes are audited.
 * In this process only: other processes (production workers) follow the same file with their own
 * watchers (see README, «Regelsett»).
 */
export async function reloadRuleSet(deps: CoreDeps, user: User): Promise<RuleSetStatus> {
  requireRuleSetAbility(user, 'update');
  const before = deps.ruleSets.current();
  const audit = (details: Record<string, unknown>) =>
    deps.audit.append({ at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), action: 'rule_set.reload', details: { file: before.file, previousVersion: before.ruleSet.version, ...details } });
  try {
    const loaded = await deps.ruleSets.reload();
    await audit({ outcome: 'loaded', version: loaded.ruleSet.version, sha256: loaded.sha256 });
    return statusOf(loaded);
  } catch (error) {
    if (error instanceof RuleSetError) await audit({ outcome: 'refused', line: error.line ?? null, reason: error.reason });
    throw error;
  }
}

/**
 * Puts an uploaded rule set in force: validated first (an invalid one is refused with every
 * problem's line and reason, and nothing changes), then written to the rule-set file and loaded.
 * Other processes follow the file with their watchers. Audited with the outcome and the hash.
 */
export async function uploadRuleSet(deps: CoreDeps, user: User, text: string): Promise<RuleSetStatus> {
  requireRuleSetAbility(user, 'update');
  const before = deps.ruleSets.current();
  const audit = (details: Record<string, unknown>) =>
    deps.audit.append({ at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), action: 'rule_set.upload', details: { file: before.file, previousVersion: before.ruleSet.version, ...details } });
  try {
    const loaded = await deps.ruleSets.replace(text);
    await audit({ outcome: 'loaded', version: loaded.ruleSet.version, sha256: loaded.sha256 });
    return statusOf(loaded);
  } catch (error) {
    if (error instanceof RuleSetError) await audit({ outcome: 'refused', problems: error.problems.length, line: error.line ?? null, reason: error.reason });
    else if (error instanceof DomainError) await audit({ outcome: 'refused', code: error.code });
    throw error;
  }
}

/** One rule's override record, as supervisors read it. */
export interface RuleOverrideRow {
  ruleId: string;
  /** From the rule set in force; absent for a rule that has since been removed. */
  description?: string;
  inCurrentRuleSet: boolean;
  fired: number;
  overridden: number;
  priorityOverridden: number;
  categoryOverridden: number;
  /** overridden / fired, 0–1 (0 when it never fired). */
  overrideRate: number;
}

export interface RuleOverrideReport {
  from: string;
  to: string;
  ruleSetVersion: string;
  registered: number;
  overriddenReports: number;
  rules: RuleOverrideRow[];
}

/**
 * How often coordinators overrode each rule's suggestion among reports registered in [from, to),
 * most overridden first (see RuleOverrideCount for what counts). Only reports the user is cleared
 * for are counted (klarering and need-to-know, compiled into the query): a revisor counts without
 * opening anything, and nobody counts what they are not cleared for. The read is audited.
 */
export async function ruleOverrideStats(deps: CoreDeps, user: User, query: RuleOverrideQuery): Promise<RuleOverrideReport> {
  const ability = defineAbilityFor(user);
  if (!ability.can('read', 'RuleStats')) throw new DomainError('FORBIDDEN', 'Bare fagansvarlige og revisorer ser overstyringer per regel');
  if (query.from >= query.to) throw new DomainError('VALIDATION_FAILED', '«from» må være før «to»', { field: 'from' });
  const counts = await deps.assessmentStats.ruleOverrides(query, reportAccessCondition(ability, 'count'));
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'quality.rule_overrides.read',
    details: { from: query.from, to: query.to, registered: counts.registered },
  });
  const ruleSet = deps.ruleSet();
  const rules = counts.rules.map((count): RuleOverrideRow => {
    const rule = ruleSet.rules.find((r) => r.id === count.ruleId);
    return {
      ...count,
      ...(rule ? { description: rule.description } : {}),
      inCurrentRuleSet: rule !== undefined,
      overrideRate: count.fired === 0 ? 0 : Math.round((count.overridden / count.fired) * 1000) / 1000,
    };
  });
  rules.sort((a, b) => b.overridden - a.overridden || b.overrideRate - a.overrideRate || a.ruleId.localeCompare(b.ruleId));
  return { from: query.from, to: query.to, ruleSetVersion: ruleSet.version, registered: counts.registered, overriddenReports: counts.overriddenReports, rules };
}
