import { Alert, BodyShort, Button, Detail, Textarea, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, errorMessage } from '../api/client';
import type { HandoverNote } from '../api/saved-search-types';
import type { Report, ReportStatus } from '../api/types';
import { formatDateTime } from '../common/format';

/** The id of the note field, which the triage desk's `o` shortcut focuses. */
export const HANDOVER_NOTE_FIELD_ID = 'overleveringsnotat';
/** As the API's MAX_HANDOVER_NOTE_LENGTH (packages/domain handover-note.schema.ts). */
const MAX_NOTE_LENGTH = 1000;
/** As HANDOVER_OPEN_STATUSES: the statuses in which a report is open work the next shift takes over. */
export const HANDOVER_OPEN_STATUSES: readonly ReportStatus[] = ['mottatt', 'vurdert', 'registrert', 'under_behandling'];

/** «Kari Koordinator, i dag 15.55» — who wrote a note and when. */
function byline(note: HandoverNote): string {
  return `${note.authorName || note.author}, ${formatDateTime(note.at)}`;
}

interface HandoverNotesProps {
  report: Report;
  /** Whether this user writes notes (coordinators and supervisors); others only read them. */
  canWrite: boolean;
}

/**
 * Shift handover notes on one report: what earlier shifts wrote (newest first), and, while the
 * report is open, a field for the next note. The notes come with the report (the API shows them only
 * to its readers, masked for masked readers); writing one is journaled with who and when.
 */
export function HandoverNotes({ report, canWrite }: HandoverNotesProps) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [written, setWritten] = useState(false);
  const open = HANDOVER_OPEN_STATUSES.includes(report.status);
  const notes = [...(report.handoverNotes ?? [])].reverse();

  const add = useMutation({
    mutationFn: () => api<{ version: number; note: HandoverNote }>(`/api/v1/reports/${encodeURIComponent(report.id)}/handover-notes`, { method: 'POST', body: { text: text.trim() } }),
    onSuccess: () => {
      setText('');
      setWritten(true);
      void queryClient.invalidateQueries({ queryKey: ['report', report.id] });
      void queryClient.invalidateQueries({ queryKey: ['handover'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setWritten(false);
    if (text.trim()) add.mutate();
  }

  return (
    <VStack gap="space-12">
      {notes.length === 0 ? (
        <BodyShort size="small" className="muted">
          Ingen overleveringsnotater.
        </BodyShort>
      ) : (
        <ol className="handover-notes" aria-label="Overleveringsnotater, nyeste først">
          {notes.map((note) => (
            <li key={note.id} className="handover-note">
              <BodyShort size="small" className="handover-note-text">
                {note.text}
              </BodyShort>
              <Detail className="muted">{byline(note)}</Detail>
            </li>
          ))}
        </ol>
      )}
      {canWrite && open && (
        <form onSubmit={submit} aria-label="Skriv overleveringsnotat">
          <VStack gap="space-8">
            <Textarea
              id={HANDOVER_NOTE_FIELD_ID}
              label="Notat til neste vakt (o)"
              description="Hva må neste vakt vite? F.eks. «ringte melder, venter på svar». Logges med hvem og når."
              size="small"
              minRows={2}
              maxLength={MAX_NOTE_LENGTH}
              value={text}
              onChange={(event) => setText(event.target.value)}
              error={add.error instanceof ApiError ? (add.error.fieldMessage('text') ?? add.error.message) : add.error ? errorMessage(add.error) : undefined}
            />
            <div>
              <Button type="submit" size="small" variant="secondary" loading={add.isPending} disabled={!text.trim()}>
                Lagre notat
              </Button>
            </div>
          </VStack>
        </form>
      )}
      {written && (
        <Alert variant="success" size="small" role="status">
          Notatet er lagret. Neste vakt ser det i køen og under Overlevering.
        </Alert>
      )}
    </VStack>
  );
}
