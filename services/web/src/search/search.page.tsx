import { Alert, BodyShort, Box, Detail, Heading, HStack, Link as AkselLink, Loader, Pagination, Search, Tag, VStack } from '@navikt/ds-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { FACET_FIELDS, type FacetField, type SearchHit, type SearchResult } from '../api/types';
import { formatCount, formatDateTime } from '../common/format';
import { GRADERING_LABELS } from '../common/labels';
import { PriorityTag } from '../report/report-tags';
import { useUser } from '../session/session-context';
import { FacetPanel, type Period } from './facet-panel';
import { NEW_SINCE_PARAM, SavedSearchesPanel } from './saved-searches-panel';
import { safeSnippetHtml, snippetText } from './snippet';

const PAGE_SIZE = 20;

/** The snippet with its <mark> highlights, rendered as HTML only when it is nothing else. */
function Snippet({ snippet }: { snippet: string }) {
  const html = safeSnippetHtml(snippet);
  if (html === undefined) return <BodyShort className="snippet">{snippetText(snippet)}</BodyShort>;
  return <p className="snippet" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Hit({ hit, newSince }: { hit: SearchHit; newSince: string | undefined }) {
  return (
    <li className="hit">
      <HStack gap="space-8" align="center">
        {newSince !== undefined && hit.registeredAt > newSince && (
          <Tag size="xsmall" variant="strong" data-color="info" data-testid="nytt-treff">
            Ny
          </Tag>
        )}
        <Detail className="mono">{hit.journalNumber}</Detail>
        <PriorityTag priority={hit.priority} size="xsmall" />
        <Tag size="xsmall" variant="moderate" data-color="meta-purple">
          {GRADERING_LABELS[hit.gradering]}
        </Tag>
        <Tag size="xsmall" variant="outline" data-color="neutral">
          {hit.category}
        </Tag>
        <Detail className="muted">Registrert {formatDateTime(hit.registeredAt)}</Detail>
      </HStack>
      <Heading level="2" size="xsmall" className="hit-title">
        <AkselLink as={Link} to={`/rapport/${hit.id}`}>
          {hit.title}
        </AkselLink>
      </Heading>
      <Snippet snippet={hit.snippet} />
    </li>
  );
}

/** Free-text and identifier search over registered reports, under the user's own rights. */
export default function SearchPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('side') ?? '1') || 1);
  const [draft, setDraft] = useState(q);
  // A search opened from elsewhere (a saved search, an identifier) replaces what the field shows.
  useEffect(() => setDraft(q), [q]);
  // Set when a saved search was opened: hits registered since it was last seen are marked new.
  const newSince = params.get(NEW_SINCE_PARAM) ?? undefined;
  // Facet filters live in the address (?category=a,b&priority=P1), so a filtered search can be shared and reloaded.
  const filters: Partial<Record<FacetField, string[]>> = {};
  for (const field of FACET_FIELDS) {
    const values = params.get(field)?.split(',').filter((v) => v !== '') ?? [];
    if (values.length > 0) filters[field] = values;
  }
  // The period too (?fra=2026-11-01&til=2026-11-23, Norwegian dates); the API calls them from and to.
  const period: Period = { from: params.get('fra') ?? '', to: params.get('til') ?? '' };
  const periodParams: Record<string, string> = { ...(period.from ? { fra: period.from } : {}), ...(period.to ? { til: period.to } : {}) };
  const filterQuery: Record<string, string> = { ...Object.fromEntries(Object.entries(filters).map(([field, values]) => [field, values.join(',')])), ...periodParams };
  const apiQuery: Record<string, string> = { ...Object.fromEntries(Object.entries(filters).map(([field, values]) => [field, values.join(',')])), ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };

  const result = useQuery({
    queryKey: ['search', q, filterQuery, (page - 1) * PAGE_SIZE, PAGE_SIZE],
    queryFn: ({ signal }) => api<SearchResult>('/api/v1/search', { query: { q, ...apiQuery, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal }),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // A new search keeps the filters (the user chose them); paging starts over.
    if (draft.trim()) setParams({ q: draft.trim(), ...filterQuery });
  }

  function changeFilter(field: FacetField, values: string[]) {
    const next: Record<string, string> = { q, ...filterQuery };
    if (values.length > 0) next[field] = values.join(',');
    else delete next[field];
    setParams(next);
  }

  function changePeriod(next: Period) {
    const params: Record<string, string> = { q, ...filterQuery };
    delete params['fra'];
    delete params['til'];
    if (next.from) params['fra'] = next.from;
    if (next.to) params['til'] = next.to;
    setParams(params);
  }

  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <div>
          <Heading level="1" size="large" spacing>
            Søk
          </Heading>
          <BodyShort className="muted">
            Søk i registrerte rapporter med fritekst, telefonnummer, e-post, IP-adresse eller fødselsnummer – i hvilken som helst skrivemåte. Du ser bare det klareringen din ({GRADERING_LABELS[user.klarering]}) og rommene dine gir tilgang til. Søket logges.
          </BodyShort>
        </div>
        <form role="search" onSubmit={submit} className="search-form">
          <Search label="Søk i registrerte rapporter" hideLabel={false} variant="primary" value={draft} onChange={setDraft} onClear={() => setDraft('')} clearButtonLabel="Tøm" />
        </form>
        <SavedSearchesPanel q={q} filters={filters} />
        {result.isFetching && !data && <Loader title="Søker …" />}
        {result.error && <Alert variant="error">{errorMessage(result.error)}</Alert>}
        {data && (
          <div className="search-results">
          <FacetPanel facets={data.facets} selected={filters} onChange={changeFilter} period={period} onPeriodChange={changePeriod} />
          <Box aria-live="polite">
            <HStack gap="space-8" align="center" className="spaced">
              <Heading level="2" size="small" data-testid="treff-totalt">
                {data.total === 0 ? 'Ingen treff' : `${formatCount(data.total)} treff`}
              </Heading>
              {data.identifiers.length > 0 && (
                <>
                  <Detail>Gjenkjente identifikatorer:</Detail>
                  {data.identifiers.map((identifier) => (
                    <Tag key={identifier} size="xsmall" variant="moderate" data-color="info">
                      {identifier}
                    </Tag>
                  ))}
                </>
              )}
            </HStack>
            {data.total === 0 && <BodyShort className="muted">Prøv andre ord, eller et kortere søk.</BodyShort>}
            <ul className="hit-list">
              {data.hits.map((hit) => (
                <Hit key={hit.id} hit={hit} newSince={newSince} />
              ))}
            </ul>
            {pages > 1 && (
              <Pagination page={page} count={pages} size="small" onPageChange={(next) => setParams({ q, ...filterQuery, side: String(next) })} srHeading={{ tag: 'h2', text: 'Sider med treff' }} />
            )}
          </Box>
          </div>
        )}
      </VStack>
    </main>
  );
}
