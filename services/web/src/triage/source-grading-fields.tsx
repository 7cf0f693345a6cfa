import { BodyShort, HStack, Select, VStack } from '@navikt/ds-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, errorMessage } from '../api/client';
import type { InformationCredibility, SourceReliability, SourceSuggestion } from '../api/types';

export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const satisfies readonly SourceReliability[];
export const INFORMATION_CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const satisfies readonly InformationCredibility[];

const RELIABILITY_LABELS = {
  A: 'A – fullt pålitelig',
  B: 'B – vanligvis pålitelig',
  C: 'C – ganske pålitelig',
  D: 'D – vanligvis ikke pålitelig',
  E: 'E – upålitelig',
  F: 'F – kan ikke bedømmes',
} satisfies Record<SourceReliability, string>;

const CREDIBILITY_LABELS = {
  1: '1 – bekreftet av andre kilder',
  2: '2 – sannsynligvis sann',
  3: '3 – muligens sann',
  4: '4 – tvilsom',
  5: '5 – usannsynlig',
  6: '6 – kan ikke bedømmes',
} satisfies Record<InformationCredibility, string>;

/** The coordinator's choice; empty strings until chosen. */
export interface SourceGradingChoice {
  reliability: SourceReliability | '';
  credibility: InformationCredibility | '';
}

interface SourceGradingFieldsProps {
  reportId: string;
  value: SourceGradingChoice;
  onChange(value: SourceGradingChoice): void;
  error?: string;
}

/**
 * Admiralty grading in the registration form: the suggested source letter with its reason (from the
 * source's earlier reports that this coordinator may read), and the final grading to record. The
 * suggested letter is preselected; the grading is sent only once an information credibility is chosen.
 */
export function SourceGradingFields({ reportId, value, onChange, error }: SourceGradingFieldsProps) {
  const suggestion = useQuery({
    queryKey: ['source-grading', reportId],
    queryFn: ({ signal }) => api<SourceSuggestion>(`/api/v1/reports/${reportId}/source-grading`, { signal }),
  });
  const suggested = suggestion.data?.suggestion.reliability;
  useEffect(() => {
    if (suggested && value.reliability === '') onChange({ ...value, reliability: suggested });
    // Only when a suggestion arrives, and only into an empty field: the coordinator's own choice stays.
  }, [suggested]);

  return (
    <VStack gap="space-8">
      <BodyShort size="small" data-testid="kildeforslag">
        {suggestion.isPending && 'Henter forslag til kildevurdering …'}
        {suggestion.error && `Forslag til kildevurdering mangler: ${errorMessage(suggestion.error)}`}
        {suggestion.data && (
          <>
            Forslag: <strong>{suggestion.data.suggestion.reliability}</strong> – {suggestion.data.suggestion.reason}
            {suggestion.data.sources.length > 0 && ` (kilde: ${suggestion.data.sources.map((s) => s.label).join(', ')})`}
          </>
        )}
      </BodyShort>
      <HStack gap="space-16" wrap>
        <Select
          label="Kildens pålitelighet"
          size="small"
          value={value.reliability}
          onChange={(e) => onChange({ ...value, reliability: e.target.value as SourceGradingChoice['reliability'] })}
          description={value.reliability && value.reliability === suggested ? 'Som foreslått' : suggested ? `Forslag ${suggested}` : undefined}
        >
          <option value="">Ikke vurdert</option>
          {SOURCE_RELIABILITIES.map((letter) => (
            <option key={letter} value={letter}>
              {RELIABILITY_LABELS[letter]}
            </option>
          ))}
        </Select>
        <Select
          label="Opplysningens troverdighet"
          size="small"
          value={value.credibility === '' ? '' : String(value.credibility)}
          onChange={(e) => onChange({ ...value, credibility: e.target.value === '' ? '' : (Number(e.target.value) as InformationCredibility) })}
          description="Kildevurderingen lagres når begge er valgt"
          error={error}
        >
          <option value="">Ikke vurdert</option>
          {INFORMATION_CREDIBILITIES.map((n) => (
            <option key={n} value={n}>
              {CREDIBILITY_LABELS[n]}
            </option>
          ))}
        </Select>
      </HStack>
    </VStack>
  );
}
