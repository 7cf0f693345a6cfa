import type { TagProps } from '@navikt/ds-react';
import type { Channel, EntityType, Gradering, JobState, Priority, ReportStatus, Role } from '../api/types';

type AkselColor = NonNullable<TagProps['data-color']>;

// Norwegian labels for the domain's codes. `satisfies` makes the compiler list every code, so a
// new code in @mottak/domain fails the web type check until it has a label here.

/** Lowest first: the clearance order. */
export const GRADERINGER = ['UGRADERT', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG', 'STRENGT_HEMMELIG'] as const satisfies readonly Gradering[];

export const GRADERING_LABELS = {
  UGRADERT: 'UGRADERT',
  BEGRENSET: 'BEGRENSET',
  KONFIDENSIELT: 'KONFIDENSIELT',
  HEMMELIG: 'HEMMELIG',
  STRENGT_HEMMELIG: 'STRENGT HEMMELIG',
} satisfies Record<Gradering, string>;

/** Every gradering a holder of `klarering` may set (never above their own). */
export function graderingerUpTo(klarering: Gradering): Gradering[] {
  return GRADERINGER.slice(0, GRADERINGER.indexOf(klarering) + 1);
}

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const satisfies readonly Priority[];

export const PRIORITY_LABELS = {
  P1: 'P1 – akutt',
  P2: 'P2 – haster',
  P3: 'P3 – normal',
  P4: 'P4 – lav',
} satisfies Record<Priority, string>;

export const PRIORITY_COLORS = { P1: 'danger', P2: 'warning', P3: 'info', P4: 'neutral' } satisfies Record<Priority, AkselColor>;

export const ROLE_LABELS = {
  koordinator: 'Koordinator',
  fagansvarlig: 'Fagansvarlig',
  sokebruker: 'Søkebruker',
  revisor: 'Revisor',
  admin: 'Administrator',
} satisfies Record<Role, string>;

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const STATUS_LABELS = {
  mottatt: 'Mottatt',
  vurdert: 'Vurdert',
  registrert: 'Registrert',
  under_behandling: 'Under behandling',
  ferdigbehandlet: 'Ferdigbehandlet',
  arkivert: 'Arkivert',
  utgar: 'Utgår',
} satisfies Record<ReportStatus, string>;

export const CHANNEL_LABELS = {
  tipsskjema: 'Tipsskjema',
  partner: 'Partner',
  telefon: 'Telefon',
  'e-post': 'E-post',
  manuell: 'Manuell',
} satisfies Record<Channel, string>;

export const ENTITY_LABELS = {
  email: 'E-post',
  url: 'Nettadresse',
  ipv4: 'IPv4-adresse',
  ipv6: 'IPv6-adresse',
  phone: 'Telefon',
  fodselsnummer: 'Fødselsnummer',
  'd-nummer': 'D-nummer',
  'h-nummer': 'H-nummer',
  orgnr: 'Organisasjonsnummer',
  kontonummer: 'Kontonummer',
  iban: 'IBAN',
  betalingskort: 'Betalingskort',
  domene: 'Domene',
  kjennemerke: 'Kjennemerke',
  bitcoin: 'Bitcoin-adresse',
  ethereum: 'Ethereum-adresse',
  tidspunkt: 'Tidspunkt',
} satisfies Record<EntityType, string>;

/** The identifier type in the definite form, to start a sentence («Telefonnummeret finnes i …»). */
export const ENTITY_DEFINITE_LABELS = {
  email: 'E-postadressen',
  url: 'Nettadressen',
  ipv4: 'IP-adressen',
  ipv6: 'IPv6-adressen',
  phone: 'Telefonnummeret',
  fodselsnummer: 'Fødselsnummeret',
  'd-nummer': 'D-nummeret',
  'h-nummer': 'H-nummeret',
  orgnr: 'Organisasjonsnummeret',
  kontonummer: 'Kontonummeret',
  iban: 'IBAN-nummeret',
  betalingskort: 'Kortnummeret',
  domene: 'Domenet',
  kjennemerke: 'Kjennemerket',
  bitcoin: 'Bitcoin-adressen',
  ethereum: 'Ethereum-adressen',
  tidspunkt: 'Tidspunktet',
} satisfies Record<EntityType, string>;

export const JOB_STATE_LABELS = {
  waiting: 'Venter',
  delayed: 'Utsatt',
  active: 'Kjører',
  completed: 'Fullført',
  dead: 'Døde',
} satisfies Record<JobState, string>;
