import { z } from 'zod';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, newReportSchema } from '@mottak/domain';

/** The fields of the public tip form, as the browser posts them (names are the form's own, in Norwegian). */
export const TIP_FORM_FIELDS = ['tittel', 'beskrivelse', 'navn', 'epost', 'telefon'] as const;
export type TipFormField = (typeof TIP_FORM_FIELDS)[number];
export type TipFormValues = Record<TipFormField, string>;

/** A fresh form's id doubles as the Idempotency-Key, so a double click or a reload stores one tip. */
const formIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,100}$/);

/** Empty inputs of an HTML form mean "not given". */
function given(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * What POST /tips accepts: the form's text fields, turned into the same NewReport the JSON intake
 * takes (channel fixed to `tipsskjema`) and validated by the same `newReportSchema`.
 */
export const tipFormSchema = z
  .object({
    tittel: z.string().default('').describe(`Kort tittel (1–${MAX_TITLE_LENGTH} tegn)`),
    beskrivelse: z.string().default('').describe(`Hva tipseren har observert (1–${MAX_BODY_LENGTH} tegn)`),
    navn: z.string().default('').describe('Valgfritt'),
    epost: z.string().default('').describe('Valgfritt'),
    telefon: z.string().default('').describe('Valgfritt'),
    skjemaId: formIdSchema.optional().describe('Skjemaets engangs-id fra GET /tips (brukes som Idempotency-Key)'),
  })
  .transform((form): { report: z.input<typeof newReportSchema>; formId?: string } => {
    const contact = { name: given(form.navn), email: given(form.epost), phone: given(form.telefon) };
    const reporterContact = Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined));
    return {
      report: {
        channel: 'tipsskjema',
        title: form.tittel,
        body: form.beskrivelse,
        ...(Object.keys(reporterContact).length > 0 ? { reporterContact } : {}),
      },
      ...(form.skjemaId ? { formId: form.skjemaId } : {}),
    };
  })
  .pipe(z.object({ report: newReportSchema, formId: formIdSchema.optional() }));

export type TipFormSubmission = z.infer<typeof tipFormSchema>;

/** Maps a validation path of the NewReport (as parsePart names it) back to the form field. */
const FIELD_BY_PATH: Record<string, TipFormField> = {
  tittel: 'tittel',
  beskrivelse: 'beskrivelse',
  navn: 'navn',
  epost: 'epost',
  telefon: 'telefon',
  'report.title': 'tittel',
  'report.body': 'beskrivelse',
  'report.reporterContact.name': 'navn',
  'report.reporterContact.email': 'epost',
  'report.reporterContact.phone': 'telefon',
};

/** One Norwegian message per field that covers every way it can be wrong, given what was typed. */
function messageFor(field: TipFormField, value: string): string {
  switch (field) {
    case 'tittel':
      return value.trim() === '' ? 'Skriv en kort tittel.' : `Tittelen kan ha høyst ${MAX_TITLE_LENGTH} tegn.`;
    case 'beskrivelse':
      return value === '' ? 'Beskriv hva du har sett eller hørt.' : `Beskrivelsen kan ha høyst ${MAX_BODY_LENGTH.toLocaleString('nb-NO')} tegn.`;
    case 'navn':
      return 'Navnet kan ha høyst 200 tegn.';
    case 'epost':
      return 'Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.';
    case 'telefon':
      return 'Skriv et telefonnummer med 3 til 40 tegn.';
  }
}

export interface TipFormError {
  /** The form field, or `skjema` for a problem with the form as a whole. */
  field: TipFormField | 'skjema';
  message: string;
}

/** Turns validation failures into one Norwegian message per field, in the form's order. */
export function tipFormErrors(errors: Array<{ field: string }>, values: TipFormValues): TipFormError[] {
  const fields = new Set<TipFormField | 'skjema'>();
  for (const error of errors) fields.add(FIELD_BY_PATH[error.field] ?? 'skjema');
  const ordered = [...TIP_FORM_FIELDS, 'skjema' as const].filter((field) => fields.has(field));
  return ordered.map((field) =>
    field === 'skjema'
      ? { field, message: 'Skjemaet kunne ikke leses. Last inn siden på nytt og prøv igjen.' }
      : { field, message: messageFor(field, values[field]) },
  );
}

/** The text values of a posted form (anything not a string counts as empty), for re-rendering it. */
export function tipFormValues(raw: unknown): TipFormValues {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const values = {} as TipFormValues;
  for (const field of TIP_FORM_FIELDS) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}
