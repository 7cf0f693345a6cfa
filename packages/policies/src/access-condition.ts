import { rulesToAST } from '@casl/ability/extra';
import type { AppAbility, Action } from './abilities';

/**
 * An engine-neutral access condition over report fields, compiled from CASL rules.
 * Adapters translate it into their query language (SQL, Mongo filter, Elasticsearch bool),
 * so access is decided inside the query and never by filtering fetched rows.
 */
export type AccessCondition =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'and'; conditions: AccessCondition[] }
  | { kind: 'or'; conditions: AccessCondition[] }
  | { kind: 'not'; condition: AccessCondition }
  | { kind: 'in'; field: AccessField; values: string[] }
  /** True when the array field has an element outside `values`. */
  | { kind: 'hasElementOutside'; field: AccessField; values: string[] };

export type AccessField = 'id' | 'gradering' | 'compartments' | 'status';
const ACCESS_FIELDS: readonly string[] = ['id', 'gradering', 'compartments', 'status'];

interface UcastNode {
  operator: string;
  field?: string;
  value: unknown;
}

/** Compiles what `ability` allows for `action` on reports into an AccessCondition. */
export function reportAccessCondition(ability: AppAbility, action: Action = 'read'): AccessCondition {
  const ast = rulesToAST(ability, action, 'Report') as UcastNode | null;
  if (ast === null) return { kind: 'none' };
  return simplify(fromUcast(ast));
}

function fromUcast(node: UcastNode): AccessCondition {
  switch (node.operator) {
    case 'and':
    case 'or': {
      const children = (node.value as UcastNode[]).map(fromUcast);
      if (children.length === 0) return node.operator === 'and' ? { kind: 'all' } : { kind: 'none' };
      return { kind: node.operator, conditions: children };
    }
    case 'not': {
      const children = node.value as UcastNode[] | UcastNode;
      const child = Array.isArray(children) ? { operator: 'and', value: children } : children;
      return { kind: 'not', condition: fromUcast(child) };
    }
    case 'in':
      return { kind: 'in', field: accessField(node.field), values: stringArray(node.value) };
    case 'eq':
      return { kind: 'in', field: accessField(node.field), values: stringArray([node.value]) };
    case 'nin':
      return { kind: 'not', condition: { kind: 'in', field: accessField(node.field), values: stringArray(node.value) } };
    case 'elemMatch': {
      const inner = node.value as UcastNode;
      if (inner.operator === 'nin') {
        return { kind: 'hasElementOutside', field: accessField(node.field), values: stringArray(inner.value) };
      }
      throw new Error(`Unsupported elemMatch operator in access rules: ${inner.operator}`);
    }
    default:
      // An operator no engine compiler knows must never silently widen access.
      throw new Error(`Unsupported operator in access rules: ${node.operator}`);
  }
}

function simplify(condition: AccessCondition): AccessCondition {
  if (condition.kind === 'and' || condition.kind === 'or') {
    const children = condition.conditions.map(simplify);
    if (condition.kind === 'and') {
      if (children.some((c) => c.kind === 'none')) return { kind: 'none' };
      const rest = children.filter((c) => c.kind !== 'all');
      if (rest.length === 0) return { kind: 'all' };
      return rest.length === 1 ? rest[0]! : { kind: 'and', conditions: rest };
    }
    if (children.some((c) => c.kind === 'all')) return { kind: 'all' };
    const rest = children.filter((c) => c.kind !== 'none');
    if (rest.length === 0) return { kind: 'none' };
    return rest.length === 1 ? rest[0]! : { kind: 'or', conditions: rest };
  }
  if (condition.kind === 'not') {
    const inner = simplify(condition.condition);
    if (inner.kind === 'all') return { kind: 'none' };
    if (inner.kind === 'none') return { kind: 'all' };
    return { kind: 'not', condition: inner };
  }
  return condition;
}

function accessField(field: string | undefined): AccessField {
  if (!field || !ACCESS_FIELDS.includes(field)) throw new Error(`Access rule on unknown field: ${String(field)}`);
  return field as AccessField;
}

function stringArray(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error('Access rule values must be strings');
  }
  return value as string[];
}

/** Evaluates a condition against one report's access fields (used by tests and by in-memory checks). */
export function matchesAccessCondition(
  condition: AccessCondition,
  fields: { id: string; gradering: string; compartments: string[]; status: string },
): boolean {
  switch (condition.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'and':
      return condition.conditions.every((c) => matchesAccessCondition(c, fields));
    case 'or':
      return condition.conditions.some((c) => matchesAccessCondition(c, fields));
    case 'not':
      return !matchesAccessCondition(condition.condition, fields);
    case 'in': {
      const value = fields[condition.field];
      return Array.isArray(value) ? value.some((v) => condition.values.includes(v)) : condition.values.includes(value);
    }
    case 'hasElementOutside': {
      const value = fields[condition.field];
      return Array.isArray(value) && value.some((v) => !condition.values.includes(v));
    }
  }
}
