import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlConfig, RuleSetError } from '@mottak/assessment';
import { dqCatalogueSchema, type DqCatalogue } from './dq-catalogue.schema';

/** The catalogue shipped with Mottak. */
export const DEFAULT_DQ_CATALOGUE_PATH: string = join(__dirname, '..', 'rules', 'default.dq.yaml');

/**
 * Parses and validates a data-quality catalogue from YAML or JSON text; throws RuleSetError
 * (code RULESET_INVALID) naming the source, the line when known and the reason — for bad syntax,
 * bad values and conflicting rules alike. The YAML reading and line finding are assessment's,
 * shared by every configuration file.
 */
export function parseDqCatalogue(text: string, sourceName: string): DqCatalogue {
  const result = parseYamlConfig(text, dqCatalogueSchema);
  if (!result.ok) throw new RuleSetError(sourceName, result.problems);
  return result.data;
}

/** Reads and parses a data-quality catalogue file. */
export function loadDqCatalogueFile(path: string): DqCatalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleSetError(path, [{ reason: `kan ikke lese filen: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return parseDqCatalogue(text, path);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

let cachedDefault: DqCatalogue | undefined;

/** The catalogue shipped with Mottak (packages/quality/rules/default.dq.yaml), loaded once and frozen. */
export function defaultDqCatalogue(): DqCatalogue {
  cachedDefault ??= deepFreeze(loadDqCatalogueFile(DEFAULT_DQ_CATALOGUE_PATH));
  return cachedDefault;
}
