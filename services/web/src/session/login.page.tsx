import { Alert, Box, Button, Heading, TextField, VStack } from '@navikt/ds-react';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { useSession } from './session-context';

/** Username and password → a session token kept for this tab. */
export function LoginPage() {
  const { session, endedReason, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      navigate(from, { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? 'Feil brukernavn eller passord.' : errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <main id="innhold" className="login-page">
      <Box background="default" padding="space-32" borderRadius="12" shadow="dialog" className="login-box">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <VStack gap="space-24">
            <Heading level="1" size="large">
              Logg inn i Mottak
            </Heading>
            {endedReason && <Alert variant="info">{endedReason}</Alert>}
            {error && (
              <Alert variant="error" role="alert">
                {error}
              </Alert>
            )}
            <TextField label="Brukernavn" name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
            <TextField label="Passord" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            <Button type="submit" loading={busy}>
              Logg inn
            </Button>
          </VStack>
        </form>
      </Box>
    </main>
  );
}
