import { Alert, Button, Checkbox, CheckboxGroup, HStack, Select, Textarea, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type Ref, useImperativeHandle, useRef, useState } from 'react';
import { api, ApiError, errorMessage } from '../api/client';
import type { Gradering, Priority, RegistrationRequest, Report, User } from '../api/types';
import { GRADERING_LABELS, graderingerUpTo, PRIORITIES, PRIORITY_LABELS } from '../common/labels';
import { type SourceGradingChoice, SourceGradingFields } from './source-grading-fields';

/** What the triage desk's shortcuts can do to the form. */
export interface RegistrationFormHandle {
  submit(): void;
  setPriority(priority: Priority): void;
  focus(field: 'prioritet' | 'kategori' | 'gradering' | 'merknad'): void;
}

interface RegistrationFormProps {
  report: Report & { assessment: NonNullable<Report['assessment']> };
  user: User;
  onRegistered(report: Report): void;
  ref?: Ref<RegistrationFormHandle>;
}

export const DEFAULT_HJEMMEL = 'offl. § 13, jf. sikkerhetsloven § 5-3';

/**
 * Confirm or override the first assessment and register the report as a journalpost. Only what
 * differs from the suggestion is sent as an override; gradering is limited to the user's klarering
 * and compartments to the user's own (the API checks both again).
 */
export function RegistrationForm({ report, user, onRegistered, ref }: RegistrationFormProps) {
  const suggested = report.assessment;
  const allowedGraderinger = graderingerUpTo(user.klarering);
  const [priority, setPriority] = useState<Priority>(suggested.priority);
  const [category, setCategory] = useState(suggested.category);
  const [gradering, setGradering] = useState<Gradering>(allowedGraderinger.includes(report.gradering) ? report.gradering : 'BEGRENSET');
  const [compartments, setCompartments] = useState<string[]>(report.compartments.filter((c) => user.compartments.includes(c)));
  const [skjermet, setSkjermet] = useState(report.skjerming !== undefined);
  const [hjemmel, setHjemmel] = useState(report.skjerming?.hjemmel ?? DEFAULT_HJEMMEL);
  const [note, setNote] = useState('');
  const [sourceGrading, setSourceGrading] = useState<SourceGradingChoice>({ reliability: '', credibility: '' });
  const [localError, setLocalError] = useState<string>();
  const priorityRef = useRef<HTMLSelectElement>(null);
  const categoryRef = useRef<HTMLInputElement>(null);
  const graderingRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const mutation = useMutation({
    mutationFn: (body: RegistrationRequest) => api<Report>(`/api/v1/reports/${report.id}/registration`, { method: 'POST', body }),
    onSuccess: onRegistered,
  });

  function submit() {
    if (mutation.isPending) return;
    if (skjermet && hjemmel.trim().length < 3) {
      setLocalError('Skriv hjemmel for skjermingen (minst 3 tegn).');
      return;
    }
    if (category.trim() === '') {
      setLocalError('Kategori kan ikke være tom.');
      return;
    }
    setLocalError(undefined);
    const body: RegistrationRequest = { gradering, compartments, expectedVersion: report.version };
    if (priority !== suggested.priority) body.priority = priority;
    if (category.trim() !== suggested.category) body.category = category.trim();
    if (skjermet) body.skjerming = { hjemmel: hjemmel.trim() };
    if (sourceGrading.reliability !== '' && sourceGrading.credibility !== '') {
      body.sourceGrading = { reliability: sourceGrading.reliability, credibility: sourceGrading.credibility };
    }
    if (note.trim()) body.note = note.trim();
    mutation.mutate(body);
  }

  useImperativeHandle(ref, () => ({
    submit,
    setPriority,
    focus(field) {
      ({ prioritet: priorityRef, kategori: categoryRef, gradering: graderingRef, merknad: noteRef })[field].current?.focus();
    },
  }));

  const apiError = mutation.error instanceof ApiError ? mutation.error : undefined;
  const conflict = apiError?.status === 409;
  return (
    <form
      aria-label="Registrering"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <VStack gap="space-16">
        <HStack gap="space-16" wrap>
          <Select
            ref={priorityRef}
            label="Prioritet (1–4)"
            size="small"
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority)}
            description={priority === suggested.priority ? 'Som foreslått' : `Overstyrt (forslag ${suggested.priority})`}
            error={apiError?.fieldMessage('priority')}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
                {p === suggested.priority ? ' (forslag)' : ''}
              </option>
            ))}
          </Select>
          <TextField
            ref={categoryRef}
            label="Kategori (c)"
            size="small"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            description={category.trim() === suggested.category ? 'Som foreslått' : `Overstyrt (forslag ${suggested.category})`}
            error={apiError?.fieldMessage('category')}
          />
          <Select
            ref={graderingRef}
            label="Gradering (g)"
            size="small"
            value={gradering}
            onChange={(e) => setGradering(e.target.value as Gradering)}
            description={`Høyst din klarering (${GRADERING_LABELS[user.klarering]})`}
            error={apiError?.fieldMessage('gradering')}
          >
            {allowedGraderinger.map((g) => (
              <option key={g} value={g}>
                {GRADERING_LABELS[g]}
              </option>
            ))}
          </Select>
        </HStack>
        {user.compartments.length > 0 && (
          <CheckboxGroup legend="Rom (tjenstlig behov)" size="small" value={compartments} onChange={(value: string[]) => setCompartments(value)} error={apiError?.fieldMessage('compartments')}>
            {user.compartments.map((compartment) => (
              <Checkbox key={compartment} value={compartment}>
                {compartment}
              </Checkbox>
            ))}
          </CheckboxGroup>
        )}
        <Checkbox size="small" checked={skjermet} onChange={(e) => setSkjermet(e.target.checked)}>
          Skjermet (unntatt offentlighet)
        </Checkbox>
        {skjermet && <TextField label="Hjemmel for skjerming" size="small" value={hjemmel} onChange={(e) => setHjemmel(e.target.value)} error={apiError?.fieldMessage('skjerming.hjemmel')} />}
        <SourceGradingFields reportId={report.id} value={sourceGrading} onChange={setSourceGrading} error={apiError?.fieldMessage('sourceGrading.credibility') ?? apiError?.fieldMessage('sourceGrading.reliability')} />
        <Textarea ref={noteRef} label="Merknad (m)" size="small" minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} error={apiError?.fieldMessage('note')} />
        {(localError || mutation.error) && (
          <Alert variant="error" size="small" role="alert">
            {localError ?? (conflict ? `${errorMessage(mutation.error)} Rapporten er endret siden du åpnet den; åpne den på nytt.` : errorMessage(mutation.error))}
          </Alert>
        )}
        <div>
          <Button type="submit" loading={mutation.isPending}>
            Registrer (r)
          </Button>
        </div>
      </VStack>
    </form>
  );
}
