import type { AccessCondition } from './access-condition';

/**
 * The condition as it applies to one known report id: every test of the `id` field becomes
 * `all` or `none`. For stores whose rows about a report are not keyed by the report's id (its
 * stored versions), so the rest of the condition can be compiled over their own access fields.
 */
export function bindAccessId(condition: AccessCondition, reportId: string): AccessCondition {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return { kind: condition.kind, conditions: condition.conditions.map((c) => bindAccessId(c, reportId)) };
    case 'not':
      return { kind: 'not', condition: bindAccessId(condition.condition, reportId) };
    case 'in':
      if ((condition.field as string) !== 'id') return condition;
      return condition.values.includes(reportId) ? { kind: 'all' } : { kind: 'none' };
    default:
      return condition;
  }
}
