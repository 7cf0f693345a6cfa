import { Alert, BodyShort, Box, Button, Heading, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { uploadFile } from '../api/download';

interface ImportReceipt {
  id: string;
  replayed: boolean;
}

/** A coordinator uploads an e-mail (.eml): POST /api/v1/reports/import/eml, the message as it is. */
export function EmlImport() {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | undefined>();
  const mutation = useMutation({
    mutationFn: (chosen: File) => uploadFile<ImportReceipt>('/api/v1/reports/import/eml', chosen, 'message/rfc822'),
    onSuccess: () => {
      setFile(undefined);
      if (input.current) input.current.value = '';
    },
  });

  function choose(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0]);
    mutation.reset();
  }

  return (
    <Box background="default" padding="space-24" borderRadius="12" className="card">
      <VStack gap="space-16">
        <Heading level="2" size="small">
          Importer e-post (.eml)
        </Heading>
        <BodyShort>
          Meldingen blir en rapport i kanalen e-post. Den lagres uendret som original, og vedleggene (PDF, Word, tekst) leses ved førstehåndsvurderingen.
        </BodyShort>
        <div>
          <label className="aksel-label" htmlFor="eml-fil">
            E-postfil
          </label>
          <input id="eml-fil" ref={input} type="file" accept=".eml,message/rfc822" onChange={choose} />
        </div>
        {mutation.data && (
          <Alert variant="success" role="status" size="small">
            {mutation.data.replayed ? 'Denne meldingen er importert før.' : 'E-posten er mottatt og lagret.'}{' '}
            <Link to={`/mottak?rapport=${mutation.data.id}`}>Åpne den i mottaket</Link>.
          </Alert>
        )}
        {mutation.error && (
          <Alert variant="error" role="alert" size="small">
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <div>
          <Button type="button" variant="secondary" disabled={!file} loading={mutation.isPending} onClick={() => file && mutation.mutate(file)}>
            Importer e-post
          </Button>
        </div>
      </VStack>
    </Box>
  );
}
