// Aksel's stylesheet without its web fonts (dist/global/fonts.css loads them from cdn.nav.no; a
// security service's intranet app must not call a third party, and the CSP forbids it): the
// layers in the order dist/index.css has them, and the fallback font stack (Arial) is used.
import '@navikt/ds-css/dist/global/reset.css';
import '@navikt/ds-css/dist/global/tokens.css';
import '@navikt/ds-css/dist/global/baseline.css';
import '@navikt/ds-css/dist/global/print.css';
import '@navikt/ds-css/dist/components.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
