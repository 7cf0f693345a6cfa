import { Loader } from '@navikt/ds-react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import type { Role } from './api/types';
import { AppShell } from './layout/app-shell';
import { RequireRole } from './layout/require-role';
import { LoginPage } from './session/login.page';
import { SessionProvider, useSession } from './session/session-context';
import { TriagePage } from './triage/triage.page';

// The triage desk is in the first bundle (initial load ≤ 1 s); the other screens load on demand.
const NewReportPage = lazy(() => import('./intake/new-report.page'));
const HandoverPage = lazy(() => import('./triage/handover.page'));
const SearchPage = lazy(() => import('./search/search.page'));
const ReportPage = lazy(() => import('./report/report.page'));
const SupervisorPage = lazy(() => import('./supervisor/supervisor.page'));
const QualityPage = lazy(() => import('./quality/quality.page'));
const AuditPage = lazy(() => import('./audit/audit.page'));
const AdminPage = lazy(() => import('./admin/admin.page'));
const AccessPage = lazy(() => import('./access/access.page'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a network blip might.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Where each role starts after logging in. */
const HOME_BY_ROLE: Array<[Role, string]> = [
  ['koordinator', '/mottak'],
  ['fagansvarlig', '/fagansvarlig'],
  ['sokebruker', '/sok'],
  ['revisor', '/revisjon'],
  ['admin', '/admin'],
];

function Home() {
  const { session } = useSession();
  if (!session) return <Navigate to="/logg-inn" replace />;
  const home = HOME_BY_ROLE.find(([role]) => session.user.roles.includes(role))?.[1] ?? '/sok';
  return <Navigate to={home} replace />;
}

const READERS: Role[] = ['koordinator', 'fagansvarlig', 'sokebruker'];

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Suspense fallback={<Loader size="2xlarge" title="Laster …" className="page-loader" />}>
            <Routes>
              <Route path="/logg-inn" element={<LoginPage />} />
              <Route element={<AppShell />}>
                <Route index element={<Home />} />
                <Route path="mottak" element={<RequireRole roles={['koordinator', 'fagansvarlig']}><TriagePage /></RequireRole>} />
                <Route path="mottak/ny" element={<RequireRole roles={['koordinator', 'fagansvarlig']}><NewReportPage /></RequireRole>} />
                <Route path="mottak/overlevering" element={<RequireRole roles={['koordinator', 'fagansvarlig']}><HandoverPage /></RequireRole>} />
                <Route path="sok" element={<RequireRole roles={READERS}><SearchPage /></RequireRole>} />
                <Route path="rapport/:id" element={<RequireRole roles={READERS}><ReportPage /></RequireRole>} />
                <Route path="tilgang" element={<RequireRole roles={READERS}><AccessPage /></RequireRole>} />
                <Route path="fagansvarlig" element={<RequireRole roles={['fagansvarlig', 'admin']}><SupervisorPage /></RequireRole>} />
                <Route path="datakvalitet" element={<RequireRole roles={['fagansvarlig']}><QualityPage /></RequireRole>} />
                <Route path="revisjon" element={<RequireRole roles={['revisor']}><AuditPage /></RequireRole>} />
                <Route path="admin" element={<RequireRole roles={['admin']}><AdminPage /></RequireRole>} />
                <Route path="*" element={<Home />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
