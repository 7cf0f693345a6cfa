import { extractEntities, extractEntityScan, normalizeText } from '@mottak/assessment';
import type { EntityType, Report } from '@mottak/domain';

/**
 * Identifier types that point at a person and are masked for users without the
 * `personopplysninger` need. Technical indicators (IP, URL, domain, wallet, orgnr) stay visible:
 * analysts need them, and they identify systems or companies rather than people.
 */
export const PERSONAL_ENTITY_TYPES: ReadonlySet<string> = new Set<string>([
  'fodselsnummer',
  'd-nummer',
  'h-nummer',
  'phone',
  'email',
  'kontonummer',
  'iban',
  'betalingskort',
  'kjennemerke',
]);

const MASK_LABELS: Record<string, string> = {
  fodselsnummer: 'fødselsnummer',
  'd-nummer': 'D-nummer',
  'h-nummer': 'H-nummer',
  phone: 'telefonnummer',
  email: 'e-postadresse',
  kontonummer: 'kontonummer',
  iban: 'IBAN',
  betalingskort: 'kortnummer',
  kjennemerke: 'kjennemerke',
};

/** The placeholder shown instead of a personal identifier. */
export function maskLabel(type: string): string {
  return `[${MASK_LABELS[type] ?? 'personopplysning'} skjult]`;
}

/**
 * Replaces every personal identifier in `text` with a placeholder. Works on the normalised text
 * (the same text extraction sees), so zero-width characters or odd spacing cannot smuggle an
 * identifier past the mask; the result is therefore normalised text.
 */
export function maskPersonalData(text: string): string {
  const normalized = normalizeText(text);
  const scan = extractEntityScan(normalized);
  // Look-alikes count too: a fødselsnummer with one wrong digit still points at a person.
  const spans = [...scan.entities, ...scan.possibleIdentifiers]
    .filter((span) => PERSONAL_ENTITY_TYPES.has(span.type))
    .sort((a, b) => a.start - b.start);
  let masked = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    masked += normalized.slice(cursor, span.start) + maskLabel(span.type);
    cursor = span.end;
  }
  return masked + normalized.slice(cursor);
}

/** A report as a user without the personopplysninger need sees it. */
export interface MaskedReportMarker {
  /** Set when personal identifiers and reporter contact details were masked for this reader. */
  personalDataMasked?: true;
}

/**
 * The report with personal identifiers masked in title and body, reporter contact removed, and
 * personal entities' values hidden in the assessment (their types stay, so a reader knows what
 * kind of data the report holds and can ask for a grant).
 */
export function maskReport<T extends Report>(report: T): T & MaskedReportMarker {
  const { reporterContact: _hidden, ...rest } = report;
  // Source keys are pseudonyms of the reporter's contact details: a masked reader gets neither.
  const { sourceKeys: _sourceKeys, ...unmaskedAssessment } = report.assessment ?? {};
  const assessment = report.assessment && {
    ...(unmaskedAssessment as NonNullable<Report['assessment']>),
    entities: report.assessment.entities.map((entity) =>
      PERSONAL_ENTITY_TYPES.has(entity.type as EntityType) ? { ...entity, value: maskLabel(entity.type), raw: maskLabel(entity.type) } : entity,
    ),
    // A look-alike of a personal identifier (a mistyped fødselsnummer) is personal data all the same.
    ...(report.assessment.possibleIdentifiers
      ? {
          possibleIdentifiers: report.assessment.possibleIdentifiers.map((candidate) =>
            PERSONAL_ENTITY_TYPES.has(candidate.type) ? { ...candidate, raw: maskLabel(candidate.type) } : candidate,
          ),
        }
      : {}),
  };
  return {
    ...(rest as T),
    title: maskPersonalData(report.title),
    body: maskPersonalData(report.body),
    ...(assessment ? { assessment } : {}),
    // A file name can name a person too («Anmeldelse Ola Nordmann 010190 12345.pdf»).
    ...(report.attachments ? { attachments: report.attachments.map((a) => ({ ...a, filename: maskPersonalData(a.filename) })) } : {}),
    // Handover notes are content: «ringte 922 33 444, venter på svar» names a person as surely as the body.
    ...(report.handoverNotes ? { handoverNotes: report.handoverNotes.map((note) => ({ ...note, text: maskPersonalData(note.text) })) } : {}),
    personalDataMasked: true,
  };
}

/** Types of the personal identifiers in a text (e.g. a search query), in order of appearance. */
export function personalIdentifierTypesIn(text: string): string[] {
  return extractEntities(normalizeText(text))
    .filter((entity) => PERSONAL_ENTITY_TYPES.has(entity.type))
    .map((entity) => entity.type);
}
