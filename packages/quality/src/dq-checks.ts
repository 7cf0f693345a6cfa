import { isIP } from 'node:net';
import { isValidDNummer, isValidFodselsnummer } from '@mottak/assessment';
import { type Entity, type EntityType, GRADERING_LABELS, graderingRank, type Priority, type Report } from '@mottak/domain';
import type { DqRule, RequiredField } from './dq-catalogue.schema';

/** What one rule concluded about one report: not applicable, passed, or failed with messages. */
export type CheckResult = { status: 'n/a' } | { status: 'pass' } | { status: 'fail'; messages: string[] };

/** Decides whether a duplicate link is resolved beyond the report's own fields (e.g. both reports in one case). */
export type DuplicateResolver = (report: Report, duplicateId: string) => boolean;

export interface CheckOptions {
  isDuplicateResolved?: DuplicateResolver;
}

const NA: CheckResult = { status: 'n/a' };
const PASS: CheckResult = { status: 'pass' };
const fail = (...messages: string[]): CheckResult => ({ status: 'fail', messages });

/** Eleven digits, or `DDMMYY NNNNN`, not inside a longer digit run (as the assessment's extractor). */
const ID_CANDIDATE = /(?<![0-9])(?:[0-9]{6} [0-9]{5}|[0-9]{11})(?![0-9])/g;
/** National identity numbers (H-nummer: temporary numbers in health care). */
const PERSONAL_ID_TYPES: readonly string[] = ['fodselsnummer', 'd-nummer', 'h-nummer'];
const E164 = /^\+[1-9][0-9]{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Facts about a report computed at most once per evaluation, whichever rules need them. */
export class ReportFacts {
  private scan?: { valid: number; invalidLookalikes: number };

  constructor(readonly report: Report) {}

  /** The category in force: the coordinator's, else the assessment's. */
  get category(): string | undefined {
    return this.report.registration?.category ?? this.report.assessment?.category;
  }

  get priority(): Priority | undefined {
    return this.report.registration?.priority ?? this.report.assessment?.priority;
  }

  /** Counts national-identity numbers in title and body: valid ones, and date-shaped look-alikes failing the checksum. */
  identityNumbers(): { valid: number; invalidLookalikes: number } {
    if (this.scan) return this.scan;
    let valid = 0;
    let invalidLookalikes = 0;
    for (const text of [this.report.title, this.report.body]) {
      for (const match of text.matchAll(ID_CANDIDATE)) {
        const digits = match[0].replace(' ', '');
        if (isValidFodselsnummer(digits) || isValidDNummer(digits)) valid++;
        else if (looksLikeBirthDate(digits)) invalidLookalikes++;
      }
    }
    this.scan = { valid, invalidLookalikes };
    return this.scan;
  }

  /** True when the assessment extracted, or the text holds, a fødselsnummer or D-nummer. */
  hasPersonalIdentityNumber(): boolean {
    const entities = this.report.assessment?.entities ?? [];
    return entities.some((e) => PERSONAL_ID_TYPES.includes(e.type)) || this.identityNumbers().valid > 0;
  }
}

/** DDMMYY with a plausible day (D-nummer: day + 40) and month: such a number was probably meant as an identity number. */
function looksLikeBirthDate(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return dayOk && month >= 1 && month <= 12;
}

/** Whether an extracted entity's normalised value is valid for its type; types without a check here count as valid. */
export function isValidEntity(entity: Pick<Entity, 'type' | 'value'>): boolean {
  switch (entity.type) {
    case 'fodselsnummer':
      return isValidFodselsnummer(entity.value);
    case 'd-nummer':
      return isValidDNummer(entity.value);
    case 'email':
      return EMAIL.test(entity.value);
    case 'ipv4':
      return isIP(entity.value) === 4;
    case 'ipv6':
      return isIP(entity.value) === 6;
    case 'phone':
      return E164.test(entity.value);
    case 'url':
      try {
        const url = new URL(entity.value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    default:
      // The assessment validated it when extracting; nothing further to check here.
      return true;
  }
}

const FIELD_LABELS: Record<RequiredField, string> = {
  title: 'tittel',
  body: 'tekst',
  occurredAt: 'tidspunkt for hendelsen',
  reporterContact: 'kontaktinformasjon til melder',
  'reporterContact.name': 'melders navn',
  'reporterContact.email': 'melders e-post',
  'reporterContact.phone': 'melders telefon',
  skjerming: 'skjermingshjemmel',
  compartments: 'rom (tjenstlig behov)',
  'registration.note': 'registreringsnotat',
  assessment: 'førstehåndsvurdering',
};

function isFilled(report: Report, field: RequiredField): boolean {
  let value: unknown = report;
  for (const key of field.split('.')) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some((v) => v !== undefined);
  return true;
}

function checkRequiredFields(rule: Extract<DqRule, { kind: 'required-fields' }>, facts: ReportFacts): CheckResult {
  const category = facts.category;
  const fields = [...rule.params.fields, ...(category === undefined ? [] : (rule.params.perCategory[category] ?? []))];
  if (fields.length === 0) return NA;
  const missing = [...new Set(fields)].filter((field) => !isFilled(facts.report, field));
  if (missing.length === 0) return PASS;
  const forCategory = rule.params.perCategory[category ?? ''] ? ` (kategori «${category}»)` : '';
  return fail(`Mangler ${missing.map((f) => FIELD_LABELS[f]).join(', ')}${forCategory}`);
}

const ENTITY_LABELS: Partial<Record<EntityType, string>> = {
  email: 'e-postadresse',
  url: 'URL',
  ipv4: 'IPv4-adresse',
  ipv6: 'IPv6-adresse',
  phone: 'telefonnummer',
  fodselsnummer: 'fødselsnummer',
  'd-nummer': 'D-nummer',
  'h-nummer': 'H-nummer',
  orgnr: 'organisasjonsnummer',
  kontonummer: 'kontonummer',
  iban: 'IBAN',
  betalingskort: 'betalingskortnummer',
};

function checkIdentifiers(rule: Extract<DqRule, { kind: 'identifiers-valid' }>, facts: ReportFacts): CheckResult {
  const types = rule.params.types;
  const entities = (facts.report.assessment?.entities ?? []).filter((e) => types === undefined || types.includes(e.type));
  const scanLookalikes =
    rule.params.flagInvalidLookalikes && (types === undefined || types.includes('fodselsnummer') || types.includes('d-nummer'));
  if (entities.length === 0 && !scanLookalikes && !facts.report.assessment?.possibleIdentifiers?.length) return NA;
  const messages: string[] = [];
  // Messages name types and counts, never values: findings are stored and shown to supervisors.
  const invalid = new Map<EntityType, number>();
  for (const entity of entities) if (!isValidEntity(entity)) invalid.set(entity.type, (invalid.get(entity.type) ?? 0) + 1);
  for (const [type, n] of invalid) messages.push(`${n} ugyldig${n > 1 ? 'e' : ''} ${ENTITY_LABELS[type] ?? type}`);
  const possible = (facts.report.assessment?.possibleIdentifiers ?? []).filter((p) => types === undefined || types.includes(p.type));
  if (possible.length > 0) {
    // The assessment's own look-alikes (it knows every identifier type): types and reasons, not values.
    const byType = new Map<EntityType, number>();
    for (const p of possible) byType.set(p.type, (byType.get(p.type) ?? 0) + 1);
    for (const [type, n] of byType) messages.push(`${n} mulig${n > 1 ? 'e' : ''} ${ENTITY_LABELS[type] ?? type} feilet validering`);
  } else if (scanLookalikes) {
    const { invalidLookalikes } = facts.identityNumbers();
    if (invalidLookalikes > 0) {
      messages.push(`${invalidLookalikes} tall ligner fødselsnummer/D-nummer, men har feil kontrollsiffer`);
    }
  }
  return messages.length === 0 ? PASS : fail(...messages);
}

function checkPersonalData(rule: Extract<DqRule, { kind: 'personal-data' }>, facts: ReportFacts): CheckResult {
  if (!facts.hasPersonalIdentityNumber()) return NA;
  const { report } = facts;
  const messages: string[] = [];
  const min = rule.params.minGradering;
  if (min !== undefined && graderingRank(report.gradering) < graderingRank(min)) {
    messages.push(
      `Meldingen inneholder fødselsnummer eller D-nummer og må graderes minst ${GRADERING_LABELS[min]} (er ${GRADERING_LABELS[report.gradering]})`,
    );
  }
  const label = rule.params.label;
  if (label !== undefined) {
    const labelled =
      facts.category === label ||
      (report.assessment?.firedRules ?? []).some((fired) => fired.category === label || fired.ruleId === label);
    if (!labelled) messages.push(`Meldingen inneholder fødselsnummer eller D-nummer og må merkes «${label}»`);
  }
  return messages.length === 0 ? PASS : fail(...messages);
}

const MINUTE_MS = 60_000;

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} t` : `${minutes} min`;
}

function checkSla(rule: Extract<DqRule, { kind: 'sla' }>, facts: ReportFacts, now: Date): CheckResult {
  const priority = facts.priority;
  const sla = priority === undefined ? undefined : rule.params.slas[priority];
  if (!sla) return NA;
  const { report } = facts;
  const received = Date.parse(report.receivedAt);
  const messages: string[] = [];
  let applicable = false;
  const step = (withinMinutes: number | undefined, doneAt: string | undefined, what: string, skip: boolean) => {
    if (withinMinutes === undefined || skip) return;
    const deadline = received + withinMinutes * MINUTE_MS;
    const done = doneAt === undefined ? undefined : Date.parse(doneAt);
    // An unfinished step counts only once its deadline has passed; before that it is simply pending.
    if (done === undefined && now.getTime() <= deadline) return;
    applicable = true;
    const at = done ?? now.getTime();
    if (at > deadline) {
      const late = Math.ceil((at - deadline) / MINUTE_MS);
      messages.push(
        `${priority} skal ${what} innen ${formatMinutes(withinMinutes)}; ${done === undefined ? 'fortsatt ikke gjort,' : 'gjort'} ${formatMinutes(late)} for sent`,
      );
    }
  };
  step(sla.assessWithinMinutes, report.assessment?.assessedAt, 'vurderes', false);
  // A report withdrawn before registration will never be registered: no registration deadline.
  step(sla.registerWithinMinutes, report.registration?.registeredAt, 'registreres', report.status === 'utgar' && !report.registration);
  if (!applicable) return NA;
  return messages.length === 0 ? PASS : fail(...messages);
}

function checkDuplicates(facts: ReportFacts, options: CheckOptions): CheckResult {
  const { report } = facts;
  const duplicateOf = report.assessment?.duplicateOf ?? [];
  if (duplicateOf.length === 0) return NA;
  // Merged into another report (the link is kept) or withdrawn: resolved.
  if (report.status === 'utgar' || report.mergedInto !== undefined) return PASS;
  const resolved = options.isDuplicateResolved ?? (() => false);
  const open = duplicateOf.filter((id) => !resolved(report, id));
  if (open.length === 0) return PASS;
  return fail(`Samme innhold som ${open.length} tidligere melding${open.length > 1 ? 'er' : ''} (${open.join(', ')}); koble eller trekk meldingen`);
}

/** Runs one rule against one report. */
export function runCheck(rule: DqRule, facts: ReportFacts, now: Date, options: CheckOptions = {}): CheckResult {
  switch (rule.kind) {
    case 'required-fields':
      return checkRequiredFields(rule, facts);
    case 'identifiers-valid':
      return checkIdentifiers(rule, facts);
    case 'personal-data':
      return checkPersonalData(rule, facts);
    case 'sla':
      return checkSla(rule, facts, now);
    case 'no-unresolved-duplicates':
      return checkDuplicates(facts, options);
  }
}
