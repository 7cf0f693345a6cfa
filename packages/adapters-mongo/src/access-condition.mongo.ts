import type { AccessCondition, AccessField } from '@mottak/policies';

/** A MongoDB query filter (plain object; values always as data, never as code such as $where). */
export type MongoFilter = Record<string, unknown>;

/** A report's id is its document's `_id`; every other access field has its own name. */
function mongoField(field: AccessField): string {
  return field === 'id' ? '_id' : field;
}

/** Matches no document: every document has an _id. */
const NOTHING: MongoFilter = { _id: { $in: [] } };

/**
 * Compiles an AccessCondition into a filter over report documents, whose access fields
 * (`gradering`, `status`, `compartments` as an array of strings) sit at the top level. Applied inside
 * every query, so what a user may not read is never fetched.
 */
export function accessConditionToMongo(condition: AccessCondition): MongoFilter {
  switch (condition.kind) {
    case 'all':
      return {};
    case 'none':
      return NOTHING;
    case 'and':
      return { $and: condition.conditions.map(accessConditionToMongo) };
    case 'or':
      return { $or: condition.conditions.map(accessConditionToMongo) };
    case 'not':
      // $nor of one clause is "not": unlike $not it takes a whole filter.
      return { $nor: [accessConditionToMongo(condition.condition)] };
    case 'in':
      // On an array field $in matches when any element is among the values, as the policy means.
      return condition.values.length === 0 ? NOTHING : { [mongoField(condition.field)]: { $in: [...condition.values] } };
    case 'hasElementOutside':
      if (condition.field !== 'compartments') throw new Error(`hasElementOutside needs an array field, got ${condition.field}`);
      return { [condition.field]: { $elemMatch: { $nin: [...condition.values] } } };
  }
}
