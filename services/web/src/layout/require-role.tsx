import { Alert, Heading } from '@navikt/ds-react';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { hasRole, useUser } from '../session/session-context';

/** Shows the page only to users with one of `roles` (the API enforces the same; this is for clarity). */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const user = useUser();
  if (hasRole(user, ...roles)) return children;
  return (
    <main id="innhold" className="page">
      <Heading level="1" size="large" spacing>
        Ingen tilgang
      </Heading>
      <Alert variant="warning">Rollen din gir ikke tilgang til denne siden.</Alert>
    </main>
  );
}
