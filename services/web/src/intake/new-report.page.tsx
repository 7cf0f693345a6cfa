import { Alert, Box, Button, Heading, HGrid, Select, Textarea, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import type { Channel, Receipt } from '../api/types';
import { CHANNEL_LABELS } from '../common/labels';
import { EmlImport } from './eml-import';

/** Channels a logged-in user may submit on (the API refuses the others). */
const USER_CHANNELS = ['telefon', 'e-post', 'manuell'] as const satisfies readonly Channel[];

interface Fields {
  channel: (typeof USER_CHANNELS)[number];
  title: string;
  body: string;
  name: string;
  phone: string;
  email: string;
}

const EMPTY: Fields = { channel: 'telefon', title: '', body: '', name: '', phone: '', email: '' };

/** A phone note (or e-mail, or manual entry) typed in by a coordinator: POST /api/v1/reports. */
export default function NewReportPage() {
  const [fields, setFields] = useState<Fields>(EMPTY);
  // One key per filled-in form: a double click or a retry after a timeout stores one report.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [missing, setMissing] = useState<Partial<Record<keyof Fields, string>>>({});
  const mutation = useMutation({
    mutationFn: () => {
      const contact = { name: fields.name.trim() || undefined, phone: fields.phone.trim() || undefined, email: fields.email.trim() || undefined };
      const hasContact = Object.values(contact).some(Boolean);
      return api<Receipt>('/api/v1/reports', {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          channel: fields.channel,
          title: fields.title.trim(),
          body: fields.body,
          ...(hasContact ? { reporterContact: Object.fromEntries(Object.entries(contact).filter(([, v]) => v)) } : {}),
        },
      });
    },
    onSuccess: () => {
      setFields(EMPTY);
      setIdempotencyKey(crypto.randomUUID());
    },
  });

  const set = (name: keyof Fields) => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: event.target.value }));
  const apiError = mutation.error instanceof ApiError ? mutation.error : undefined;
  const fieldError = (name: keyof Fields, apiField: string) => missing[name] ?? apiError?.fieldMessage(apiField);

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Partial<Record<keyof Fields, string>> = {};
    if (!fields.title.trim()) errors.title = 'Skriv en tittel.';
    if (!fields.body.trim()) errors.body = 'Skriv hva som ble meldt.';
    setMissing(errors);
    if (Object.keys(errors).length === 0) mutation.mutate();
  }

  return (
    <main id="innhold" className="page page-narrow">
      <Heading level="1" size="large" spacing>
        Ny rapport
      </Heading>
      {mutation.data && (
        <Alert variant="success" role="status" className="spaced">
          Rapporten er mottatt og lagret. Førstehåndsvurderingen kjører nå.{' '}
          <Link to={`/mottak?rapport=${mutation.data.id}`}>Åpne den i mottaket</Link>.
        </Alert>
      )}
      <Box background="default" padding="space-24" borderRadius="12" className="card">
        <form onSubmit={submit} noValidate aria-label="Ny rapport">
          <VStack gap="space-20">
            <Select label="Kanal" value={fields.channel} onChange={set('channel')} className="narrow-field">
              {USER_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {CHANNEL_LABELS[channel]}
                </option>
              ))}
            </Select>
            <TextField label="Tittel" value={fields.title} onChange={set('title')} maxLength={300} error={fieldError('title', 'title')} />
            <Textarea label="Hva ble meldt?" description="Skriv det innringeren sa: hva, hvor og når, med telefonnumre, navn og steder slik de ble oppgitt." value={fields.body} onChange={set('body')} minRows={6} error={fieldError('body', 'body')} />
            <fieldset className="plain-fieldset">
              <legend className="aksel-label">Innringer (valgfritt)</legend>
              <HGrid columns={{ xs: 1, md: 3 }} gap="space-16">
                <TextField label="Navn" value={fields.name} onChange={set('name')} autoComplete="off" />
                <TextField label="Telefon" type="tel" value={fields.phone} onChange={set('phone')} autoComplete="off" error={apiError?.fieldMessage('reporterContact.phone')} />
                <TextField label="E-post" type="email" value={fields.email} onChange={set('email')} autoComplete="off" error={apiError?.fieldMessage('reporterContact.email')} />
              </HGrid>
            </fieldset>
            {mutation.error && (
              <Alert variant="error" role="alert">
                {errorMessage(mutation.error)}
              </Alert>
            )}
            <div>
              <Button type="submit" loading={mutation.isPending}>
                Lagre rapport
              </Button>
            </div>
          </VStack>
        </form>
      </Box>
      <div className="spaced-top">
        <EmlImport />
      </div>
    </main>
  );
}
