import { PRIORITIES } from '@mottak/domain';
import type { Channel, Entity, FiredRule, Priority } from '@mottak/domain';
import { findKeyword, keywordText, type KeywordText } from './keyword-match';
import type { Rule, RuleSet } from './rule-set.schema';

export interface RuleInput {
  title: string;
  body: string;
  channel: Channel;
  entities: Entity[];
}

export interface RuleResult {
  priority: Priority;
  category: string;
  firedRules: FiredRule[];
}

const quoted = (words: readonly string[]): string => words.map((w) => `«${w}»`).join(', ');

/** The reason text if every condition of the rule holds, else undefined. Each part names what matched. */
function evaluate(rule: Rule, text: KeywordText, input: RuleInput, present: ReadonlySet<string>): string | undefined {
  const { anyKeywords, allKeywords, entityTypes, channels } = rule.when;
  const parts: string[] = [];
  if (anyKeywords) {
    const hits = anyKeywords.flatMap((k) => {
      const found = findKeyword(text, k);
      // For a prefix keyword, also show the word that was written: «bomb*» (bombetrussel).
      if (found === undefined) return [];
      return [k.endsWith('*') ? `«${k}» (${found})` : `«${k}»`];
    });
    if (hits.length === 0) return undefined;
    parts.push(`nøkkelord ${hits.join(', ')} i teksten`);
  }
  if (allKeywords) {
    if (!allKeywords.every((k) => findKeyword(text, k) !== undefined)) return undefined;
    parts.push(allKeywords.length === 1 ? `nøkkelord ${quoted(allKeywords)} i teksten` : `alle nøkkelordene ${quoted(allKeywords)} i teksten`);
  }
  if (entityTypes) {
    const hits = entityTypes.filter((t) => present.has(t));
    if (hits.length === 0) return undefined;
    parts.push(`inneholder ${hits.join(', ')}`);
  }
  if (channels) {
    if (!channels.includes(input.channel)) return undefined;
    parts.push(`kanal «${input.channel}»`);
  }
  return parts.join(' og ');
}

/** Rank for choosing: P1 = 0 … P4 = 3; a rule without priority ranks after all of them. */
function rank(priority: Priority | undefined): number {
  return priority === undefined ? PRIORITIES.length : PRIORITIES.indexOf(priority);
}

/**
 * Applies a rule set: every rule that fires is listed with a reason naming what matched; priority = the
 * most urgent fired (P1 most urgent), category = from the highest-priority fired rule that sets one
 * (ties: the earlier rule in the file), else defaults.
 */
export function applyRules(input: RuleInput, ruleSet: RuleSet): RuleResult {
  const text = keywordText(`${input.title}\n${input.body}`);
  const present = new Set<string>(input.entities.map((e) => e.type));
  const firedRules: FiredRule[] = [];
  for (const rule of ruleSet.rules) {
    const reason = evaluate(rule, text, input, present);
    if (reason === undefined) continue;
    const fired: FiredRule = { ruleId: rule.id, description: rule.description, reason };
    if (rule.then.priority !== undefined) fired.priority = rule.then.priority;
    if (rule.then.category !== undefined) fired.category = rule.then.category;
    firedRules.push(fired);
  }
  let priority: Priority | undefined;
  let category: { value: string; rank: number } | undefined;
  for (const fired of firedRules) {
    if (fired.priority !== undefined && rank(fired.priority) < rank(priority)) priority = fired.priority;
    if (fired.category !== undefined && (category === undefined || rank(fired.priority) < category.rank)) {
      category = { value: fired.category, rank: rank(fired.priority) };
    }
  }
  return {
    priority: priority ?? ruleSet.defaults.priority,
    category: category?.value ?? ruleSet.defaults.category,
    firedRules,
  };
}
