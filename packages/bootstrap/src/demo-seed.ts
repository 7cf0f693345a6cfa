import {
  assessReport,
  type CoreDeps,
  createPartner,
  createUser,
  receiveReport,
  registerReport,
} from '@mottak/core';
import type { Gradering, Need, NewUser, Role, User } from '@mottak/domain';

/** The password of every demo user (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'mottak-demo-2026';
/** The demo partner's API key (documented in the README; demo data only). */
export const DEMO_PARTNER_KEY = 'mk_demo_politidistrikt_oslo_0001';

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  klarering: Gradering;
  unit: string;
  compartments: string[];
  needs?: Need[];
}

/** One user per role, with klareringer and compartments that make the access rules visible. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'kari', displayName: 'Kari Koordinator', roles: ['koordinator'], klarering: 'HEMMELIG', unit: 'FRS', compartments: ['kontraetterretning'] },
  { username: 'kim', displayName: 'Kim Kveldsvakt', roles: ['koordinator'], klarering: 'BEGRENSET', unit: 'FRS', compartments: [] },
  { username: 'frida', displayName: 'Frida Fagansvarlig', roles: ['fagansvarlig'], klarering: 'HEMMELIG', unit: 'FRS', compartments: ['kontraetterretning'] },
  // A second supervisor, so four-eyes decisions (nedgradering, kassasjon) can be shown with demo users.
  { username: 'fiona', displayName: 'Fiona Fagansvarlig', roles: ['fagansvarlig'], klarering: 'HEMMELIG', unit: 'FRS', compartments: ['kontraetterretning'] },
  { username: 'siri', displayName: 'Siri Søkebruker', roles: ['sokebruker'], klarering: 'BEGRENSET', unit: 'Analyse', compartments: [] },
  { username: 'sander', displayName: 'Sander Analytiker', roles: ['sokebruker'], klarering: 'HEMMELIG', unit: 'Analyse', compartments: ['kontraetterretning'], needs: ['personopplysninger'] },
  { username: 'rita', displayName: 'Rita Revisor', roles: ['revisor'], klarering: 'BEGRENSET', unit: 'Kontroll', compartments: [] },
  { username: 'adam', displayName: 'Adam Admin', roles: ['admin'], klarering: 'UGRADERT', unit: 'IT', compartments: [] },
];

interface DemoReport {
  title: string;
  body: string;
  channel: 'tipsskjema' | 'telefon' | 'partner';
  register?: { gradering: Gradering; compartments?: string[] };
}

const DEMO_REPORTS: DemoReport[] = [
  {
    title: 'Mistenkelig fotografering ved kraftstasjon',
    body: 'To personer fotograferte inngjerdet område ved kraftstasjonen i flere timer i går. De kjørte en grå varebil. Tipser kan nås på 922 33 444.',
    channel: 'tipsskjema',
    register: { gradering: 'BEGRENSET' },
  },
  {
    title: 'Trusler mot ordfører i sosiale medier',
    body: 'En bruker skriver at han skal «ta» ordføreren og nevner et våpen. Kontoen er knyttet til e-post trusselbruker@example.com. Haster.',
    channel: 'telefon',
    register: { gradering: 'BEGRENSET' },
  },
  {
    title: 'Kontakt fra utenlandsk etterretning',
    body: 'En forsker ved universitetet er kontaktet gjentatte ganger av en person som utgir seg for å være diplomat. Personen ringte fra +46 70 123 45 67 og ba om kartlegging av kolleger.',
    channel: 'partner',
    register: { gradering: 'HEMMELIG', compartments: ['kontraetterretning'] },
  },
  {
    title: 'Phishing mot kommune',
    body: 'Kommunen har mottatt phishing-e-post fra 203.0.113.45 med lenke til https://kommune-login.example.net/innlogging. Flere ansatte har klikket.',
    channel: 'partner',
    register: { gradering: 'UGRADERT' },
  },
  {
    title: 'Radikalisering i nettforum',
    body: 'Tipser er bekymret for en ung mann som deler ekstremistisk propaganda og har uttrykt ønske om å reise ut. Fødselsnummer oppgitt av tipser: 01010012356.',
    channel: 'tipsskjema',
    register: { gradering: 'KONFIDENSIELT' },
  },
  {
    title: 'Drone over militært område',
    body: 'Vakt observerte drone over leiren natt til søndag, ca. kl. 02.30. Ingen identifisert operatør.',
    channel: 'telefon',
  },
  {
    title: 'Mistenkelig fotografering ved kraftstasjon',
    body: 'To personer fotograferte inngjerdet område ved kraftstasjonen i flere timer i går. De kjørte en grå varebil. Tipser kan nås på 922 33 444.',
    channel: 'tipsskjema',
  },
  {
    title: 'Spørsmål om innreise',
    body: 'En person spør om regler for innreise og lurer på om han kan ta med seg jaktvåpen på ferie.',
    channel: 'tipsskjema',
  },
];

/**
 * Creates demo users, a demo partner and a small set of reports in different states and
 * graderinger, so that a newcomer can walk the whole flow. Idempotent: does nothing if the demo
 * users exist already.
 */
export async function seedDemo(deps: CoreDeps): Promise<{ created: boolean; users: string[] }> {
  if (await deps.identity.findUserByUsername('kari')) return { created: false, users: DEMO_USERS.map((u) => u.username) };
  const users = new Map<string, User>();
  for (const demo of DEMO_USERS) {
    const input: NewUser = { ...demo, needs: demo.needs ?? [], password: DEMO_PASSWORD };
    users.set(demo.username, await createUser(deps, undefined, input));
  }
  const { partner } = await createPartner(deps, 'Oslo politidistrikt (demo)', DEMO_PARTNER_KEY);
  const kari = users.get('kari')!;

  for (const demo of DEMO_REPORTS) {
    const principal =
      demo.channel === 'partner'
        ? ({ kind: 'partner', partner } as const)
        : demo.channel === 'telefon'
          ? ({ kind: 'user', user: kari } as const)
          : ({ kind: 'public' } as const);
    const { report } = await receiveReport(deps, principal, { channel: demo.channel, title: demo.title, body: demo.body });
    if (!demo.register) continue;
    // The worker would do this too; doing it here lets the demo register at once (assessment is idempotent).
    await assessReport(deps, report.id);
    await registerReport(deps, kari, report.id, { gradering: demo.register.gradering, compartments: demo.register.compartments ?? [] });
  }
  return { created: true, users: DEMO_USERS.map((u) => u.username) };
}
