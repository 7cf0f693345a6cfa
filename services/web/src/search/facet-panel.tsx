import { Checkbox, CheckboxGroup, DatePicker, Fieldset, Heading, useRangeDatepicker, VStack } from '@navikt/ds-react';
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

/** The period filter: registered from one Norwegian date to another, both included (YYYY-MM-DD, empty for open). */
export interface Period {
  from: string;
  to: string;
}

/** A local calendar date as YYYY-MM-DD (the browser's own day, as the user picked it). */
function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function fromIsoDate(value: string): Date | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : undefined;
}

/** «Periode»: registered from one day to another (both included), with Aksel's date pickers; kept in the address. */
function PeriodFilter({ period, onChange }: { period: Period; onChange(period: Period): void }) {
  const from = fromIsoDate(period.from);
  const to = fromIsoDate(period.to);
  const { datepickerProps, fromInputProps, toInputProps } = useRangeDatepicker({
    defaultSelected: from ? { from, ...(to ? { to } : {}) } : undefined,
    toDate: new Date(),
    onRangeChange: (range) => onChange({ from: range?.from ? isoDate(range.from) : '', to: range?.to ? isoDate(range.to) : '' }),
  });
  return (
    <Fieldset legend="Periode (registrert)" size="small" data-facet="periode">
      <DatePicker {...datepickerProps}>
        <VStack gap="space-8">
          <DatePicker.Input {...fromInputProps} label="Fra og med" size="small" />
          <DatePicker.Input {...toInputProps} label="Til og med" size="small" />
        </VStack>
      </DatePicker>
    </Fieldset>
  );
}

interface FacetPanelProps {
  facets: SearchFacets;
  selected: Partial<Record<FacetField, string[]>>;
  onChange(field: FacetField, values: string[]): void;
  period: Period;
  onPeriodChange(period: Period): void;
}

/**
 * Checkbox filters with the number of hits per value. The counts come from the API under the
 * same query, filters and rights as the hits; a ticked value with no hits stays so it can be unticked.
 */
export function FacetPanel({ facets, selected, onChange, period, onPeriodChange }: FacetPanelProps) {
  return (
    <VStack as="aside" gap="space-16" className="facet-panel" aria-labelledby="filtre-tittel">
      <Heading level="2" size="xsmall" id="filtre-tittel">
        Avgrens treffene
      </Heading>
      <PeriodFilter period={period} onChange={onPeriodChange} />
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
