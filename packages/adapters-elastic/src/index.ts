export * from './search-index.elastic';
export * from './access-condition.elastic';
export { SearchIndexBulkError, type BulkItemFailure } from './bulk.elastic';
export { DEFAULT_TEMPLATE_PATH, type TextAnalyzer } from './index-template.elastic';
