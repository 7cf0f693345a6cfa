import { Alert, BodyShort, Box, Detail, Heading, Loader, VStack } from '@navikt/ds-react';
import type { Ref } from 'react';
import { errorMessage } from '../api/client';
import type { Report, User } from '../api/types';
import { formatDateTime } from '../common/format';
import { EntityTable, FiredRules, SeenBefore } from '../report/assessment-panels';
import { HighlightedBody } from '../report/highlighted-body';
import { AttachmentsPanel } from '../report/attachments-panel';
import { ReportTags, sourceLabel } from '../report/report-tags';
import { HandoverNotes } from './handover-notes';
import { RegistrationForm, type RegistrationFormHandle } from './registration-form';
import { AssessmentProgressNotice } from './assessment-progress';

interface ReportDetailProps {
  report: Report | undefined;
  loading: boolean;
  error: unknown;
  user: User;
  formRef: Ref<RegistrationFormHandle>;
  onRegistered(report: Report): void;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="detail-section" aria-label={title}>
      <Heading level="3" size="small" spacing>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** One report on the triage desk: text with identifiers, the rules and reasons, seen before, and registration. */
export function ReportDetail({ report, loading, error, user, formRef, onRegistered }: ReportDetailProps) {
  if (loading) return <Loader size="large" title="Henter rapporten …" />;
  if (error) return <Alert variant="error">{errorMessage(error)}</Alert>;
  if (!report) {
    return (
      <Box padding="space-24" className="empty-detail">
        <BodyShort>Velg en rapport i køen: j og k flytter, Enter åpner. Trykk ? for alle hurtigtaster.</BodyShort>
      </Box>
    );
  }
  const assessment = report.assessment;
  return (
    <VStack gap="space-20">
      <div>
        <Heading level="2" size="medium" spacing id="rapport-tittel" tabIndex={-1}>
          {report.title}
        </Heading>
        <ReportTags report={report} />
        <Detail className="muted">
          {sourceLabel(report)}
          {report.reporterContact ? ` · kontakt: ${[report.reporterContact.name, report.reporterContact.phone, report.reporterContact.email].filter(Boolean).join(', ')}` : ''}
          {report.occurredAt ? ` · hendelse ${formatDateTime(report.occurredAt)}` : ''}
        </Detail>
      </div>
      <HighlightedBody body={report.body} entities={(assessment?.entities ?? []).filter((entity) => !entity.attachment)} />
      {(report.attachments?.length || report.original) && (
        <Section title="Vedlegg">
          <AttachmentsPanel reportId={report.id} attachments={report.attachments ?? []} {...(report.original ? { original: report.original } : {})} masked={report.personalDataMasked === true} />
        </Section>
      )}
      <Section title="Overlevering">
        <HandoverNotes report={report} canWrite />
      </Section>
      {!assessment && <AssessmentProgressNotice progress={report.assessmentProgress} />}
      {assessment && (
        <>
          <Section title="Registrering">
            {report.status === 'vurdert' ? (
              <RegistrationForm key={`${report.id}-${report.version}`} ref={formRef} report={{ ...report, assessment }} user={user} onRegistered={onRegistered} />
            ) : (
              <BodyShort>
                {report.registration ? `Registrert som ${report.registration.journalNumber} av ${report.registration.registeredBy}, ${formatDateTime(report.registration.registeredAt)}.` : 'Kan ikke registreres i denne statusen.'}
              </BodyShort>
            )}
          </Section>
          <Section title="Regler som slo til">
            <FiredRules rules={assessment.firedRules} />
          </Section>
          <Section title="Sett før">
            <SeenBefore report={report} />
          </Section>
          <Section title="Identifikatorer">
            <EntityTable entities={assessment.entities} />
          </Section>
        </>
      )}
    </VStack>
  );
}
