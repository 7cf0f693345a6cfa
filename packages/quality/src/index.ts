export * from './dq-catalogue.schema';
export { parseDqCatalogue, loadDqCatalogueFile, defaultDqCatalogue, DEFAULT_DQ_CATALOGUE_PATH } from './dq-catalogue.loader';
export { isValidEntity } from './dq-checks';
export type { CheckOptions, DuplicateResolver } from './dq-checks';
export { evaluateReport } from './evaluate-report';
export type { DqEvaluation, DqFinding, DqRuleOutcome } from './evaluate-report';
export { DqAggregator, evaluateBatch, UNREGISTERED_KEY, NO_CATEGORY_KEY } from './batch-evaluator';
export type { BatchOptions, DqGroupSummary, DqRuleSummary, DqSummary } from './batch-evaluator';
export { isoWeekOf, isoWeekOfDate } from './iso-week';
