import { TrashIcon } from '@navikt/aksel-icons';
import { Alert, BodyShort, Box, Button, Detail, Heading, HStack, Tag, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import type { OpenedSavedSearch, SavedSearch } from '../api/saved-search-types';
import type { FacetField } from '../api/types';
import { formatCount, formatDateTime } from '../common/format';
import { FACET_GROUPS, facetLabel } from './facet-panel';
import { SAVED_SEARCHES_KEY, useSavedSearches } from './use-saved-searches';

/** The address parameter that marks hits registered after this instant as new (set when a saved search is opened). */
export const NEW_SINCE_PARAM = 'nye-siden';

/** The search page address of a saved search: its query and filters, with what counts as new. */
export function savedSearchAddress(search: Pick<SavedSearch, 'q' | 'filters'>, newSince?: string): string {
  const params = new URLSearchParams({ q: search.q });
  for (const { field } of FACET_GROUPS) {
    const values = search.filters[field];
    if (values && values.length > 0) params.set(field, values.join(','));
  }
  if (newSince) params.set(NEW_SINCE_PARAM, newSince);
  return `/sok?${params.toString()}`;
}

/** The filters of a search in words, e.g. «Gradering: BEGRENSET · Kanal: Tipsskjema». */
function filterSummary(filters: Partial<Record<FacetField, string[]>>): string {
  return FACET_GROUPS.filter(({ field }) => (filters[field]?.length ?? 0) > 0)
    .map(({ field, legend }) => `${legend}: ${(filters[field] ?? []).map((value) => facetLabel(field, value)).join(', ')}`)
    .join(' · ');
}

function NewMatches({ search }: { search: SavedSearch }) {
  if (search.newCount === null) {
    return (
      <Tag size="xsmall" variant="outline" data-color="warning">
        Kan ikke telles: krever tjenstlig behov for personopplysninger
      </Tag>
    );
  }
  if (search.newCount === 0) return <Detail className="muted">Ingen nye</Detail>;
  return (
    <Tag size="xsmall" variant="strong" data-color="info" data-testid="lagret-sok-nye">
      {formatCount(search.newCount)} {search.newCount === 1 ? 'ny' : 'nye'}
    </Tag>
  );
}

interface SavedSearchesPanelProps {
  /** The search shown now, which «Lagre søket» saves; empty before anything is searched. */
  q: string;
  filters: Partial<Record<FacetField, string[]>>;
}

/**
 * The user's saved searches on the search page: save the current search under a name, see how many
 * new matches each has since it was last opened (counted by the server under the user's rights,
 * kept live by the event stream), open one (which marks it seen) or delete it.
 */
export function SavedSearchesPanel({ q, filters }: SavedSearchesPanelProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const searches = useSavedSearches(true);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string>();

  const save = useMutation({
    mutationFn: () => api<SavedSearch>('/api/v1/saved-searches', { method: 'POST', body: { name: name.trim(), q, filters } }),
    onSuccess: (created) => {
      setName('');
      setSaved(created.name);
      void queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES_KEY });
    },
  });
  const open = useMutation({
    mutationFn: (search: SavedSearch) => api<OpenedSavedSearch>(`/api/v1/saved-searches/${encodeURIComponent(search.id)}/open`, { method: 'POST' }),
    onSuccess: (opened) => {
      void queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES_KEY });
      void navigate(savedSearchAddress(opened.search, opened.previousSeenAt));
    },
  });
  const remove = useMutation({
    mutationFn: (search: SavedSearch) => api<void>(`/api/v1/saved-searches/${encodeURIComponent(search.id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES_KEY }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    if (name.trim() && q.trim()) save.mutate();
  }

  const saveError = save.error instanceof ApiError ? (save.error.fieldMessage('name') ?? save.error.message) : save.error ? errorMessage(save.error) : undefined;
  const items = searches.data ?? [];
  return (
    <Box as="section" aria-labelledby="lagrede-sok-tittel" background="default" padding="space-16" borderRadius="8" className="card saved-searches">
      <VStack gap="space-12">
        <Heading level="2" size="xsmall" id="lagrede-sok-tittel">
          Lagrede søk
        </Heading>
        {q.trim() && (
          <form onSubmit={submit} aria-label="Lagre søket">
            <HStack gap="space-8" align="end" wrap>
              <TextField
                label="Navn på søket"
                description={`Lagrer «${q}»${filterSummary(filters) ? ` med ${filterSummary(filters)}` : ''}`}
                size="small"
                maxLength={100}
                value={name}
                onChange={(event) => setName(event.target.value)}
                error={saveError}
              />
              <Button type="submit" size="small" variant="secondary" loading={save.isPending} disabled={!name.trim()}>
                Lagre søket
              </Button>
            </HStack>
          </form>
        )}
        {saved && (
          <BodyShort size="small" role="status">
            Lagret som «{saved}». Du får vite her og i menyen når det kommer nye treff.
          </BodyShort>
        )}
        {searches.error && <Alert variant="error" size="small">{errorMessage(searches.error)}</Alert>}
        {(open.error || remove.error) && (
          <Alert variant="error" size="small" role="alert">
            {errorMessage(open.error ?? remove.error)}
          </Alert>
        )}
        {searches.isSuccess && items.length === 0 && <BodyShort size="small" className="muted">Du har ingen lagrede søk ennå.</BodyShort>}
        {items.length > 0 && (
          <ul className="saved-search-list" aria-label="Dine lagrede søk">
            {items.map((search) => (
              <li key={search.id} className="saved-search" data-testid={`lagret-sok-${search.name}`}>
                <HStack gap="space-8" align="center" justify="space-between" wrap={false}>
                  <VStack gap="space-2">
                    <HStack gap="space-8" align="center">
                      <Button size="xsmall" variant="tertiary" onClick={() => open.mutate(search)} loading={open.isPending && open.variables?.id === search.id}>
                        {search.name}
                      </Button>
                      <NewMatches search={search} />
                    </HStack>
                    <Detail className="muted">
                      «{search.q}»{filterSummary(search.filters) ? ` · ${filterSummary(search.filters)}` : ''} · sist åpnet {formatDateTime(search.seenAt)}
                    </Detail>
                  </VStack>
                  <Button
                    size="xsmall"
                    variant="tertiary"
                    data-color="neutral"
                    icon={<TrashIcon aria-hidden />}
                    aria-label={`Slett «${search.name}»`}
                    onClick={() => remove.mutate(search)}
                    loading={remove.isPending && remove.variables?.id === search.id}
                  />
                </HStack>
              </li>
            ))}
          </ul>
        )}
      </VStack>
    </Box>
  );
}
