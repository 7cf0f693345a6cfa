import { Checkbox, CheckboxGroup, Heading, VStack } from '@navikt/ds-react';
import type { Channel, EntityType, FacetBucket, FacetField, Gradering, Priority, ReportStatus, SearchFacets } from '../api/types';
import { formatCount } from '../common/format';
import { CHANNEL_LABELS, ENTITY_LABELS, GRADERING_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../common/labels';

/** The facets in the order the panel shows them, with their headings. */
export const FACET_GROUPS: ReadonlyArray<{ field: FacetField; legend: string }> = [
  { field: 'category', legend: 'Kategori' },
  { field: 'priority', legend: 'Prioritet' },
  { field: 'gradering', legend: 'Gradering' },
  { field: 'entityType', legend: 'Identifikator' },
  { field: 'channel', legend: 'Kanal' },
  { field: 'status', legend: 'Status' },
];

/** A facet value in words. */
export function facetLabel(field: FacetField, value: string): string {
  switch (field) {
    case 'priority':
      return PRIORITY_LABELS[value as Priority] ?? value;
    case 'gradering':
      return GRADERING_LABELS[value as Gradering] ?? value;
    case 'channel':
      return CHANNEL_LABELS[value as Channel] ?? value;
    case 'entityType':
      return ENTITY_LABELS[value as EntityType] ?? value;
    case 'status':
      return STATUS_LABELS[value as ReportStatus] ?? value;
    case 'category':
      return value;
  }
}

interface FacetPanelProps {
  facets: SearchFacets;
  selected: Partial<Record<FacetField, string[]>>;
  onChange(field: FacetField, values: string[]): void;
}

/**
 * Checkbox filters with the number of hits per value. The counts come from the API under the
 * same query, filters and rights as the hits; a ticked value with no hits stays so it can be unticked.
 */
export function FacetPanel({ facets, selected, onChange }: FacetPanelProps) {
  return (
    <VStack as="aside" gap="space-16" className="facet-panel" aria-labelledby="filtre-tittel">
      <Heading level="2" size="xsmall" id="filtre-tittel">
        Avgrens treffene
      </Heading>
      {FACET_GROUPS.map(({ field, legend }) => {
        const chosen = selected[field] ?? [];
        const buckets: FacetBucket[] = [...facets[field]];
        for (const value of chosen) if (!buckets.some((b) => b.value === value)) buckets.push({ value, count: 0 });
        if (buckets.length === 0) return null;
        return (
          <CheckboxGroup key={field} legend={legend} size="small" value={chosen} onChange={(values: string[]) => onChange(field, values)} data-facet={field}>
            {buckets.map((bucket) => (
              <Checkbox key={bucket.value} value={bucket.value}>
                {facetLabel(field, bucket.value)} <span className="facet-count">({formatCount(bucket.count)})</span>
              </Checkbox>
            ))}
          </CheckboxGroup>
        );
      })}
    </VStack>
  );
}
