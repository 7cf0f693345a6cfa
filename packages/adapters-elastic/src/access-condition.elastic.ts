import type { estypes } from '@elastic/elasticsearch';
import type { AccessCondition } from '@mottak/policies';

/** The field holding how many distinct compartments a document has (see hasElementOutside). */
export const COMPARTMENT_COUNT_FIELD = 'compartmentCount';

const MATCH_NONE: estypes.QueryDslQueryContainer = { match_none: {} };

/**
 * Compiles an AccessCondition into an Elasticsearch query for filter context. Field names come
 * from the closed AccessField set (they are the index's field names); values are always terms,
 * never parsed, so nothing from a rule or a user can become query syntax.
 */
export function accessConditionToQuery(condition: AccessCondition): estypes.QueryDslQueryContainer {
  switch (condition.kind) {
    case 'all':
      return { match_all: {} };
    case 'none':
      return MATCH_NONE;
    case 'and':
      return { bool: { filter: condition.conditions.map(accessConditionToQuery) } };
    case 'or':
      // No clauses means false: minimum_should_match 1 cannot be met.
      return { bool: { should: condition.conditions.map(accessConditionToQuery), minimum_should_match: 1 } };
    case 'not':
      return { bool: { must_not: [accessConditionToQuery(condition.condition)] } };
    case 'in':
      // On the multi-valued compartments field, `terms` is "some element is in values", as in SQL.
      return condition.values.length === 0 ? MATCH_NONE : { terms: { [condition.field]: [...condition.values] } };
    case 'hasElementOutside': {
      if (condition.field !== 'compartments') throw new Error(`hasElementOutside needs an array field, got ${condition.field}`);
      const hasAny: estypes.QueryDslQueryContainer = { exists: { field: 'compartments' } };
      if (condition.values.length === 0) return hasAny;
      // "Every element is in values" is "at least compartmentCount of values match" (compartments
      // are deduplicated when indexed). must_not of a plain `terms` would be wrong here: it hides
      // [alfa, bravo] only when no element is allowed, not when one is outside. terms_set with a
      // count field needs no script, so it runs where painless is missing too.
      const allInside: estypes.QueryDslQueryContainer = {
        terms_set: { compartments: { terms: [...condition.values], minimum_should_match_field: COMPARTMENT_COUNT_FIELD } },
      };
      return { bool: { filter: [hasAny], must_not: [allInside] } };
    }
  }
}
