import { Alert, BodyShort, Box, Heading, HGrid, Loader, VStack } from '@navikt/ds-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import type { LogEntry, OpenedReport } from '../api/types';
import { formatDateTime } from '../common/format';
import { GRADERING_LABELS, PRIORITY_LABELS } from '../common/labels';
import { LogTable } from '../common/log-table';
import { AccessRequestPanel } from '../access/access-request-panel';
import { EntityTable, FiredRules, SeenBefore } from './assessment-panels';
import { HighlightedBody } from './highlighted-body';
import { AttachmentsPanel } from './attachments-panel';
import { CorrectionForm, StatusControl, VersionHistory } from './life-cycle-panel';
import { hasRole, useUser } from '../session/session-context';
import { HANDOVER_OPEN_STATUSES, HandoverNotes } from '../triage/handover-notes';
import { ReportTags, sourceLabel } from './report-tags';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="fact-label">{label}</dt>
      <dd className="fact-value">{value}</dd>
    </div>
  );
}

/** One report, read only (search hits and "sett før" link here); the read is audited. */
export default function ReportPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const report = useQuery({ queryKey: ['report', id], queryFn: ({ signal }) => api<OpenedReport>(`/api/v1/reports/${id}`, { signal }) });
  const journal = useQuery({ queryKey: ['report-journal', id], queryFn: ({ signal }) => api<LogEntry[]>(`/api/v1/reports/${id}/journal`, { signal }), enabled: report.isSuccess });

  if (report.isPending) return <Loader size="large" title="Henter rapporten …" className="page-loader" />;
  if (report.error) {
    return (
      <main id="innhold" className="page">
        <Heading level="1" size="large" spacing>
          Rapport
        </Heading>
        <VStack gap="space-24">
          <Alert variant="warning">{report.error instanceof ApiError && report.error.status === 404 ? 'Rapporten finnes ikke, eller du har ikke tilgang til den.' : errorMessage(report.error)}</Alert>
          {report.error instanceof ApiError && report.error.status === 404 && <AccessRequestPanel reportId={id} />}
        </VStack>
      </main>
    );
  }
  const data = report.data;
  const registration = data.registration;
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <div>
          <Heading level="1" size="large" spacing>
            {data.title}
          </Heading>
          <ReportTags report={data} />
        </div>
        {data.personalDataMasked && (
          <Alert variant="info" size="small">
            Personopplysninger (fødselsnummer, telefon, e-post, konto- og kortnummer, kjennemerker) og tipserens kontaktopplysninger er skjult: du har ikke tjenstlig behov for personopplysninger.
          </Alert>
        )}
        <HGrid columns={{ xs: 1, md: '2fr 1fr' }} gap="space-24" align="start">
          <Box background="default" padding="space-20" borderRadius="8" className="card">
            {/* Entities found in attachments have offsets into the attachment's text, not the body. */}
            <HighlightedBody body={data.body} entities={(data.assessment?.entities ?? []).filter((entity) => !entity.attachment)} />
          </Box>
          <Box background="default" padding="space-20" borderRadius="8" className="card">
            <dl className="facts">
              {registration && <Fact label="Journalnummer" value={registration.journalNumber} />}
              {registration && <Fact label="Registrert" value={`${formatDateTime(registration.registeredAt)} av ${registration.registeredBy}`} />}
              {registration && <Fact label="Prioritet" value={`${PRIORITY_LABELS[registration.priority]}${registration.priorityOverridden ? ' (overstyrt)' : ''}`} />}
              {registration && <Fact label="Kategori" value={`${registration.category}${registration.categoryOverridden ? ' (overstyrt)' : ''}`} />}
              <Fact label="Gradering" value={GRADERING_LABELS[data.gradering]} />
              <Fact label="Rom" value={data.compartments.join(', ') || '–'} />
              <Fact label="Skjerming" value={data.skjerming ? `Ja, ${data.skjerming.hjemmel}` : 'Nei'} />
              <Fact label="Kilde" value={sourceLabel(data)} />
              {registration?.note && <Fact label="Merknad" value={registration.note} />}
            </dl>
          </Box>
        </HGrid>
        {(data.attachments?.length || data.original) && (
          <section aria-labelledby="vedlegg">
            <Heading level="2" size="small" spacing id="vedlegg">
              Vedlegg
            </Heading>
            <AttachmentsPanel reportId={data.id} attachments={data.attachments ?? []} {...(data.original ? { original: data.original } : {})} masked={data.personalDataMasked === true} />
          </section>
        )}
        {((data.handoverNotes?.length ?? 0) > 0 || (hasRole(user, 'koordinator', 'fagansvarlig') && HANDOVER_OPEN_STATUSES.includes(data.status))) && (
          <section aria-labelledby="overlevering">
            <Heading level="2" size="small" spacing id="overlevering">
              Overlevering
            </Heading>
            <HandoverNotes report={data} canWrite={hasRole(user, 'koordinator', 'fagansvarlig')} />
          </section>
        )}
        {data.assessment && (
          <HGrid columns={{ xs: 1, md: 2 }} gap="space-24">
            <section aria-labelledby="regler">
              <Heading level="2" size="small" spacing id="regler">
                Regler som slo til
              </Heading>
              <FiredRules rules={data.assessment.firedRules} />
            </section>
            <section aria-labelledby="identifikatorer">
              <Heading level="2" size="small" spacing id="identifikatorer">
                Identifikatorer
              </Heading>
              <EntityTable entities={data.assessment.entities} />
            </section>
          </HGrid>
        )}
        {data.assessment && (
          <section aria-labelledby="sett-for">
            <Heading level="2" size="small" spacing id="sett-for">
              Sett før
            </Heading>
            <SeenBefore report={data} />
          </section>
        )}
        {hasRole(user, 'koordinator', 'fagansvarlig') && (
          <HGrid columns={{ xs: 1, md: 2 }} gap="space-24" align="start">
            <section aria-labelledby="status">
              <Heading level="2" size="small" spacing id="status">
                Status
              </Heading>
              <StatusControl key={`status-${data.version}`} report={data} />
            </section>
            {data.registration && (
              <section aria-labelledby="rettelse">
                <Heading level="2" size="small" spacing id="rettelse">
                  Rett journalposten
                </Heading>
                <CorrectionForm key={`rettelse-${data.version}`} report={data} />
              </section>
            )}
          </HGrid>
        )}
        <section aria-labelledby="versjoner">
          <Heading level="2" size="small" spacing id="versjoner">
            Versjoner
          </Heading>
          <VersionHistory reportId={data.id} />
        </section>
        <section aria-labelledby="endringslogg">
          <Heading level="2" size="small" spacing id="endringslogg">
            Endringslogg
          </Heading>
          {journal.error ? <BodyShort>{errorMessage(journal.error)}</BodyShort> : <LogTable entries={journal.data ?? []} label="Endringslogg" />}
        </section>
      </VStack>
    </main>
  );
}
