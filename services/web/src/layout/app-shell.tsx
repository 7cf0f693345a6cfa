import { LeaveIcon } from '@navikt/aksel-icons';
import { InternalHeader, Spacer } from '@navikt/ds-react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { GRADERING_LABELS, ROLE_LABELS } from '../common/labels';
import { hasRole, useSession } from '../session/session-context';
import { newMatchTotal, useSavedSearches } from '../search/use-saved-searches';
import { AlertCenter } from './alert-center';

interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}

const NAV_ITEMS: NavItem[] = [
  { to: '/mottak', label: 'Mottak', roles: ['koordinator', 'fagansvarlig'] },
  { to: '/mottak/ny', label: 'Ny rapport', roles: ['koordinator', 'fagansvarlig'] },
  { to: '/mottak/overlevering', label: 'Overlevering', roles: ['koordinator', 'fagansvarlig'] },
  { to: '/sok', label: 'Søk', roles: ['koordinator', 'fagansvarlig', 'sokebruker'] },
  { to: '/tilgang', label: 'Tilgang', roles: ['koordinator', 'fagansvarlig', 'sokebruker'] },
  { to: '/fagansvarlig', label: 'Drift og journal', roles: ['fagansvarlig', 'admin'] },
  { to: '/datakvalitet', label: 'Datakvalitet', roles: ['fagansvarlig'] },
  { to: '/revisjon', label: 'Revisjon', roles: ['revisor'] },
  { to: '/admin', label: 'Brukere', roles: ['admin'] },
];

/** Header (who is logged in, with role, klarering and unit), navigation, and the page below. */
export function AppShell() {
  const { session, logout } = useSession();
  const location = useLocation();
  // Users who search keep their saved searches' new matches in the menu («Søk (3)»), live.
  const searches = session !== undefined && hasRole(session.user, 'koordinator', 'fagansvarlig', 'sokebruker');
  const newMatches = newMatchTotal(useSavedSearches(searches).data);
  if (!session) return <Navigate to="/logg-inn" replace state={{ from: location.pathname + location.search }} />;
  const { user } = session;
  const items = NAV_ITEMS.filter((item) => hasRole(user, ...item.roles));
  return (
    <>
      <a className="skip-link" href="#innhold">
        Gå til innholdet
      </a>
      <InternalHeader>
        <InternalHeader.Title as={Link} to="/">
          Mottak
        </InternalHeader.Title>
        <nav aria-label="Hovedmeny" className="header-nav">
          {items.map((item) => {
            const active = location.pathname === item.to;
            const badge = item.to === '/sok' && newMatches > 0;
            return (
              <InternalHeader.Button key={item.to} as={Link} to={item.to} isActive={active} aria-current={active ? 'page' : undefined}>
                {badge ? (
                  <span data-testid="sok-nye-treff">
                    {item.label} ({newMatches})<span className="sr-only"> nye treff i lagrede søk</span>
                  </span>
                ) : (
                  item.label
                )}
              </InternalHeader.Button>
            );
          })}
        </nav>
        <Spacer />
        <InternalHeader.User
          data-testid="innlogget-bruker"
          name={user.displayName}
          description={`${user.roles.map((role) => ROLE_LABELS[role]).join(', ')} · klarering ${GRADERING_LABELS[user.klarering]} · ${user.unit}`}
        />
        <InternalHeader.Button onClick={() => void logout()}>
          <LeaveIcon aria-hidden fontSize="1.25rem" /> Logg ut
        </InternalHeader.Button>
      </InternalHeader>
      <AlertCenter />
      <Outlet />
    </>
  );
}
