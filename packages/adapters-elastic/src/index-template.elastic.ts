import fs from 'node:fs';
import path from 'node:path';
import { errors, type Client, type estypes } from '@elastic/elasticsearch';

/** `norwegian` stems and drops Norwegian stop words; `standard` only lower-cases (servers without analysis-common). */
export type TextAnalyzer = 'norwegian' | 'standard';

/** The production template in infra/, the single source of the index's mappings. */
export const DEFAULT_TEMPLATE_PATH = path.resolve(__dirname, '../../../infra/elasticsearch/mottak-reports.template.json');

/** Name of the analyzer the template's text fields use; its type is what configuration chooses. */
const TEXT_ANALYZER = 'mottak_text';

interface TemplateFile {
  priority?: number;
  _meta?: Record<string, unknown>;
  template: {
    settings: Record<string, unknown> & { analysis?: { analyzer?: Record<string, Record<string, unknown>> } };
    mappings: estypes.MappingTypeMapping;
  };
}

/**
 * The template file adapted to one alias (it covers `<alias>-v*`, so several aliases can share a
 * cluster, e.g. one per test file) and one analyzer.
 */
export function indexTemplateFor(alias: string, analyzer: TextAnalyzer, templatePath: string): estypes.IndicesPutIndexTemplateRequest {
  const file = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as TemplateFile;
  const analyzers = file.template?.settings?.analysis?.analyzer;
  if (!analyzers?.[TEXT_ANALYZER] || !file.template.mappings) {
    throw new Error(`${templatePath} is not a Mottak index template: it needs template.mappings and analysis.analyzer.${TEXT_ANALYZER}`);
  }
  return {
    name: alias,
    index_patterns: [`${alias}-v*`],
    priority: file.priority ?? 200,
    _meta: file._meta,
    template: {
      settings: {
        ...file.template.settings,
        analysis: { ...file.template.settings.analysis, analyzer: { ...analyzers, [TEXT_ANALYZER]: { type: analyzer } } },
      },
      mappings: file.template.mappings,
    },
  };
}

/** Whether the server has the `norwegian` analyzer (the integ-test-zip has no analysis-common module). */
export async function hasNorwegianAnalyzer(client: Client): Promise<boolean> {
  try {
    await client.indices.analyze({ analyzer: 'norwegian', text: 'melding' });
    return true;
  } catch (error) {
    if (error instanceof errors.ResponseError && error.statusCode === 400) return false;
    throw error;
  }
}

export function versionedIndexName(alias: string, version: number): string {
  return `${alias}-v${version}`;
}

/** The versioned indices that exist for `alias`, highest version last. */
export async function listVersions(client: Client, alias: string): Promise<{ index: string; version: number }[]> {
  const rows = await client.cat.indices({ index: `${alias}-v*`, h: 'index', format: 'json', expand_wildcards: 'all' });
  const pattern = new RegExp(`^${alias.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}-v(\\d+)$`);
  return rows
    .flatMap((row) => {
      const match = pattern.exec(row.index ?? '');
      return match ? [{ index: row.index!, version: Number(match[1]) }] : [];
    })
    .sort((a, b) => a.version - b.version);
}

/** The concrete indices the alias points at (normally one; none before the first start). */
export async function aliasedIndices(client: Client, alias: string): Promise<string[]> {
  if (!(await client.indices.existsAlias({ name: alias }))) return [];
  return Object.keys(await client.indices.getAlias({ name: alias }));
}

/**
 * Installs the template and, when the alias does not exist yet, creates the next versioned index
 * behind it in one request. Safe when several processes start at once: a lost creation race is
 * fine as long as the alias exists afterwards.
 */
export async function ensureIndexBehindAlias(client: Client, alias: string, template: estypes.IndicesPutIndexTemplateRequest): Promise<void> {
  await client.indices.putIndexTemplate(template);
  if (await client.indices.existsAlias({ name: alias })) return;
  if (await client.indices.exists({ index: alias })) {
    throw new Error(`Elasticsearch has a concrete index named "${alias}" where Mottak expects an alias; reindex into a versioned index and delete it`);
  }
  const versions = await listVersions(client, alias);
  const index = versionedIndexName(alias, (versions.at(-1)?.version ?? 0) + 1);
  try {
    await client.indices.create({ index, aliases: { [alias]: {} } });
  } catch (error) {
    const lostRace = error instanceof errors.ResponseError && error.body?.error?.type === 'resource_already_exists_exception';
    if (!lostRace || !(await client.indices.existsAlias({ name: alias }))) throw error;
  }
}
