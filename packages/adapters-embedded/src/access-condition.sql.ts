import type { AccessCondition, AccessField } from '@mottak/policies';

/**
 * A SQL fragment with positional parameters. Field names come from a fixed map, values are always
 * bound parameters: nothing from a user is ever spliced into SQL text.
 */
export interface SqlFragment {
  sql: string;
  params: string[];
}

/**
 * Columns holding the access fields in a given table. `compartments` must be a JSON array of
 * strings (queried with json_each).
 */
export type AccessColumns = Record<AccessField, string>;

/** Compiles an AccessCondition into a WHERE fragment over the given columns. */
export function accessConditionToSql(condition: AccessCondition, columns: AccessColumns): SqlFragment {
  switch (condition.kind) {
    case 'all':
      return { sql: '1', params: [] };
    case 'none':
      return { sql: '0', params: [] };
    case 'and':
    case 'or': {
      const parts = condition.conditions.map((c) => accessConditionToSql(c, columns));
      const joiner = condition.kind === 'and' ? ' AND ' : ' OR ';
      return { sql: `(${parts.map((p) => p.sql).join(joiner)})`, params: parts.flatMap((p) => p.params) };
    }
    case 'not': {
      const inner = accessConditionToSql(condition.condition, columns);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'in': {
      if (condition.values.length === 0) return { sql: '0', params: [] };
      const placeholders = condition.values.map(() => '?').join(',');
      if (condition.field === 'compartments') {
        return {
          sql: `EXISTS (SELECT 1 FROM json_each(${columns.compartments}) WHERE value IN (${placeholders}))`,
          params: [...condition.values],
        };
      }
      return { sql: `${columns[condition.field]} IN (${placeholders})`, params: [...condition.values] };
    }
    case 'hasElementOutside': {
      if (condition.field !== 'compartments') throw new Error(`hasElementOutside needs an array field, got ${condition.field}`);
      const notIn = condition.values.length === 0 ? '' : ` WHERE value NOT IN (${condition.values.map(() => '?').join(',')})`;
      return {
        sql: `EXISTS (SELECT 1 FROM json_each(${columns.compartments})${notIn})`,
        params: [...condition.values],
      };
    }
  }
}
