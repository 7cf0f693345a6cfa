import { BodyShort, Detail, Heading, HStack, Link as AkselLink, Loader, Table, VStack } from '@navikt/ds-react';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Entity, FiredRule, Report, SearchResult } from '../api/types';
import { ENTITY_LABELS } from '../common/labels';
import { PriorityTag } from './report-tags';

/** The identifiers found, normalised and as written. */
export function EntityTable({ entities }: { entities: readonly Entity[] }) {
  if (entities.length === 0) return <BodyShort className="muted">Ingen identifikatorer funnet.</BodyShort>;
  return (
    <Table size="small" aria-label="Identifikatorer">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">Type</Table.HeaderCell>
          <Table.HeaderCell scope="col">Verdi</Table.HeaderCell>
          <Table.HeaderCell scope="col">Som skrevet</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {entities.map((entity, index) => (
          <Table.Row key={`${entity.start}-${index}`}>
            <Table.DataCell>{ENTITY_LABELS[entity.type]}</Table.DataCell>
            <Table.DataCell className="mono">
              {/* The pivot: every registered report with this identifier, under the user's own rights. A
                  masked value (no need for personal data) has nothing to pivot on. */}
              {isMaskedValue(entity.value) ? (
                entity.value
              ) : (
                <AkselLink as={Link} to={`/sok?q=${encodeURIComponent(pivotQuery(entity))}`} title={`Søk etter ${entity.value}`}>
                  {entity.value}
                </AkselLink>
              )}
            </Table.DataCell>
            <Table.DataCell>{entity.raw}</Table.DataCell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** The rules that fired, each with the reason it gives (what matched). */
export function FiredRules({ rules }: { rules: readonly FiredRule[] }) {
  if (rules.length === 0) return <BodyShort className="muted">Ingen regler slo til; standard prioritet og kategori er foreslått.</BodyShort>;
  return (
    <ul className="rule-list" aria-label="Regler som slo til">
      {rules.map((rule) => (
        <li key={rule.ruleId}>
          <HStack gap="space-8" align="center">
            <BodyShort weight="semibold">{rule.description}</BodyShort>
            {rule.priority && <PriorityTag priority={rule.priority} size="xsmall" />}
            {rule.category && <Detail>→ {rule.category}</Detail>}
          </HStack>
          <Detail>{rule.reason}</Detail>
        </li>
      ))}
    </ul>
  );
}

/** What to search for to find other reports with this identifier (a URL as written; the rest normalised). */
function pivotQuery(entity: Entity): string {
  return entity.type === 'url' ? entity.raw : entity.value;
}

/** Identifiers worth looking up in earlier reports (the first few distinct ones). */
function lookupValues(entities: readonly Entity[]): Array<{ entity: Entity; q: string }> {
  const seen = new Set<string>();
  const result: Array<{ entity: Entity; q: string }> = [];
  for (const entity of entities) {
    const q = pivotQuery(entity);
    if (seen.has(q)) continue;
    seen.add(q);
    result.push({ entity, q });
    if (result.length === 5) break;
  }
  return result;
}

/**
 * "Sett før": reports with the same content (the assessment's duplicates, only those this user may
 * see) and registered reports mentioning the same identifiers (a search per identifier, under the
 * user's own rights, audited like any search).
 */
export function SeenBefore({ report }: { report: Report }) {
  const duplicates = report.assessment?.duplicateOf ?? [];
  const lookups = lookupValues(report.assessment?.entities ?? []);
  const results = useQueries({
    queries: lookups.map(({ q }) => ({
      queryKey: ['search', q, 0, 5],
      queryFn: ({ signal }: { signal: AbortSignal }) => api<SearchResult>('/api/v1/search', { query: { q, limit: 5 }, signal }),
      staleTime: 60_000,
    })),
  });
  const matches = lookups
    .map((lookup, index) => ({ ...lookup, result: results[index] }))
    .map(({ entity, q, result }) => ({ entity, q, loading: result?.isPending ?? false, hits: (result?.data?.hits ?? []).filter((hit) => hit.id !== report.id), total: result?.data?.total ?? 0 }));
  const anyMatch = matches.some((m) => m.hits.length > 0);
  return (
    <VStack gap="space-12" data-testid="sett-for">
      {duplicates.length > 0 ? (
        <div>
          <Heading level="4" size="xsmall">
            Samme innhold er mottatt før
          </Heading>
          <ul className="plain-list">
            {duplicates.map((id) => (
              <li key={id}>
                <AkselLink as={Link} to={`/rapport/${id}`}>
                  Rapport {id.slice(0, 8)}
                </AkselLink>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <BodyShort className="muted">Ingen rapporter med samme innhold.</BodyShort>
      )}
      {matches.some((m) => m.loading) && <Loader size="small" title="Søker etter identifikatorene …" />}
      {matches
        .filter((m) => m.hits.length > 0)
        .map((m) => (
          <div key={m.q}>
            <Heading level="4" size="xsmall">
              {ENTITY_LABELS[m.entity.type]} {m.entity.value}: {m.total} registrert{m.total === 1 ? '' : 'e'} rapport{m.total === 1 ? '' : 'er'}
            </Heading>
            <ul className="plain-list">
              {m.hits.map((hit) => (
                <li key={hit.id}>
                  <AkselLink as={Link} to={`/rapport/${hit.id}`}>
                    {hit.journalNumber} {hit.title}
                  </AkselLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      {lookups.length > 0 && !anyMatch && !matches.some((m) => m.loading) && (
        <BodyShort className="muted">Identifikatorene finnes ikke i registrerte rapporter du har tilgang til.</BodyShort>
      )}
    </VStack>
  );
}

/** The API shows a masked personal identifier as «[… skjult]». */
function isMaskedValue(value: string): boolean {
  return value.startsWith('[') && value.endsWith(' skjult]');
}
