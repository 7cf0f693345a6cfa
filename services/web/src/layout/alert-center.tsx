import { Alert, BodyShort, Link as AkselLink } from '@navikt/ds-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { type ReportAlert, subscribeReportEvents } from '../api/event-stream';
import { formatLogTime } from '../common/format';
import { hasRole, useSession } from '../session/session-context';

/** Most alerts shown at once; older ones drop off (they stay in the audit log and the queue). */
const MAX_SHOWN = 4;

interface ShownAlert extends ReportAlert {
  key: string;
}

/**
 * Live alerts for whoever must act at once, on every page: a P1 suggestion for coordinators, a
 * break-glass use for supervisors. The server decides who hears what (only reports the user may
 * read); this only shows them, announced to screen readers, until dismissed.
 */
export function AlertCenter() {
  const { session } = useSession();
  const listens = session !== undefined && hasRole(session.user, 'koordinator', 'fagansvarlig');
  const [alerts, setAlerts] = useState<ShownAlert[]>([]);

  useEffect(() => {
    if (!listens) return undefined;
    let counter = 0;
    return subscribeReportEvents({
      onOpen: () => undefined,
      onChange: () => undefined,
      onAlert: (alert) => {
        counter += 1;
        setAlerts((shown) => [{ ...alert, key: `${alert.at}-${counter}` }, ...shown].slice(0, MAX_SHOWN));
      },
    });
  }, [listens]);

  if (alerts.length === 0) return null;
  const dismiss = (key: string) => setAlerts((shown) => shown.filter((a) => a.key !== key));
  return (
    <section className="alert-center" aria-label="Varsler" aria-live="assertive">
      {alerts.map((alert) => (
        <Alert key={alert.key} variant={alert.kind === 'p1' ? 'error' : 'warning'} size="small" closeButton onClose={() => dismiss(alert.key)} data-testid={`varsel-${alert.kind}`}>
          {alert.kind === 'p1' ? (
            <BodyShort size="small">
              <strong>P1-forslag:</strong> en ny rapport er vurdert som mest hastende.{' '}
              {alert.id ? (
                <AkselLink as={Link} to={`/rapport/${alert.id}`} onClick={() => dismiss(alert.key)}>
                  Åpne rapporten
                </AkselLink>
              ) : null}
            </BodyShort>
          ) : (
            <BodyShort size="small">
              <strong>Nødtilgang brukt</strong> av {alert.actor ?? 'ukjent'} {formatLogTime(alert.at)}.{' '}
              {alert.id ? (
                <AkselLink as={Link} to={`/rapport/${alert.id}`} onClick={() => dismiss(alert.key)}>
                  Se rapporten
                </AkselLink>
              ) : (
                'Rapporten er utenfor din tilgang.'
              )}{' '}
              <AkselLink as={Link} to="/tilgang">
                Se alle bruk av nødtilgang
              </AkselLink>
            </BodyShort>
          )}
        </Alert>
      ))}
    </section>
  );
}
