import { Alert, BodyShort } from '@navikt/ds-react';
import type { AssessmentProgress } from '../api/types';

/** Whether the first assessment has run into trouble (failed at least once, or has no job). */
export function assessmentTroubled(progress: AssessmentProgress | undefined): boolean {
  return progress !== undefined && (progress.state === 'retrying' || progress.state === 'failed' || progress.state === 'missing');
}

/** The queue row's tag for a report not yet assessed: «Vurderes», or what went wrong. */
export function AssessmentPendingTag({ progress }: { progress: AssessmentProgress | undefined }) {
  if (progress?.state === 'failed') {
    return (
      <span className="pending-tag pending-tag-failed" title={progress.lastError ?? 'Vurderingen feilet'}>
        Vurdering feilet
      </span>
    );
  }
  if (progress?.state === 'retrying') {
    return (
      <span className="pending-tag pending-tag-retrying" title={progress.lastError ?? 'Vurderingen feilet og prøves igjen'}>
        Prøver igjen
      </span>
    );
  }
  return <span className="pending-tag">Vurderes</span>;
}

/**
 * On the report: the assessment is under way, or it failed — the report is kept as received, and
 * the coordinator can read and handle it while the assessment is retried or a supervisor replays it.
 */
export function AssessmentProgressNotice({ progress }: { progress: AssessmentProgress | undefined }) {
  if (!assessmentTroubled(progress) || !progress) {
    return (
      <Alert variant="info" size="small">
        Førstehåndsvurderingen pågår; siden oppdateres av seg selv.
      </Alert>
    );
  }
  const reason = progress.lastError ? (
    <BodyShort size="small" className="mono">
      Feil: {progress.lastError}
    </BodyShort>
  ) : null;
  if (progress.state === 'failed') {
    return (
      <Alert variant="error" size="small" data-testid="vurdering-feilet">
        <BodyShort size="small">
          Førstehåndsvurderingen feilet {progress.attempts} ganger og er stoppet. Rapporten er tatt vare på slik den kom inn. En fagansvarlig kan kjøre vurderingen på nytt under «Drift og journal» → «Døde jobber».
        </BodyShort>
        {reason}
      </Alert>
    );
  }
  if (progress.state === 'missing') {
    return (
      <Alert variant="warning" size="small">
        Rapporten venter på å bli lagt i vurderingskøen på nytt (avstemmingen gjør det av seg selv).
      </Alert>
    );
  }
  return (
    <Alert variant="warning" size="small" data-testid="vurdering-prover-igjen">
      <BodyShort size="small">
        Førstehåndsvurderingen feilet (forsøk {progress.attempts} av {progress.maxAttempts}) og prøves igjen automatisk. Rapporten er tatt vare på.
      </BodyShort>
      {reason}
    </Alert>
  );
}
