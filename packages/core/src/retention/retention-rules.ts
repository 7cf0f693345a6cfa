import { RETENTION_DEFAULT_CATEGORY, type RetentionDueKind, type RetentionRule, type RetentionRuleSet } from '@mottak/domain';

/** The rule for a category: its own, or the default (`*`) rule, which the schema guarantees. */
export function retentionRuleFor(rules: RetentionRuleSet, category: string): RetentionRule {
  const own = rules.rules.find((r) => r.category === category);
  const fallback = rules.rules.find((r) => r.category === RETENTION_DEFAULT_CATEGORY);
  if (own) return own;
  if (!fallback) throw new Error('retention rule set without a default rule');
  return fallback;
}

/** Years after registration until `kind` is due under `rule`. */
export function retentionYears(rule: RetentionRule, kind: RetentionDueKind): number {
  return kind === 'review' ? rule.reviewAfterYears : rule.disposeAfterYears;
}

/** The instant `years` calendar years after `registeredAt` (UTC; 29 February rolls to 1 March). */
export function addYears(registeredAt: string, years: number): Date {
  const at = new Date(registeredAt);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at;
}

/**
 * The latest registration time that can be due for `kind` at `now` under any rule: everything
 * registered later is not due whatever its category, so a scan never needs to look past it.
 */
export function latestDueRegistration(rules: RetentionRuleSet, kind: RetentionDueKind, now: Date): string {
  const fewest = Math.min(...rules.rules.map((r) => retentionYears(r, kind)));
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - fewest);
  // addYears(registeredAt, years) <= now  ⇔  registeredAt <= now - years (up to leap days, checked per report).
  return new Date(cutoff.getTime() + 86_400_000).toISOString();
}
