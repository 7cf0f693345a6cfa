import { createHash } from 'node:crypto';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH } from '@mottak/domain';
import type { TipFormError, TipFormField, TipFormValues } from './tip-form.schema';

/** The path of the public tip form. */
export const TIP_FORM_PATH = '/tips';

/**
 * The page's only styles. They are inline so the page needs nothing else from the server (it works
 * with the API alone, before any web build), and are allowed by their hash in the page's CSP rather
 * than by 'unsafe-inline'. Colours follow the Aksel palette and meet WCAG AA contrast.
 */
const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:"Source Sans 3","Source Sans Pro",Arial,sans-serif;font-size:100%;line-height:1.5;color:#23262a;background:#f5f6f7}
body{margin:0}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{background:#23262a;color:#fff;padding:1rem 1.5rem}
header p{margin:0;font-weight:600;font-size:1.25rem}
main{max-width:42rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:2rem;line-height:1.2;margin:0 0 1rem}
h2{font-size:1.25rem;margin:0 0 .5rem}
p{margin:0 0 1rem}
.lead{font-size:1.125rem}
.urgent{border-left:4px solid #c30000;background:#fff4f3;padding:.75rem 1rem;margin:0 0 1.5rem}
.field{margin:0 0 1.5rem}
label,legend{display:block;font-weight:600;font-size:1.125rem;margin-bottom:.25rem}
.hint{display:block;color:#49515e;margin-bottom:.5rem}
input[type=text],input[type=email],input[type=tel],textarea{display:block;width:100%;font:inherit;padding:.5rem .75rem;border:1px solid #6f7785;border-radius:4px;background:#fff;color:inherit}
textarea{min-height:10rem;resize:vertical}
input:focus,textarea:focus,button:focus,a:focus{outline:3px solid #0055b3;outline-offset:2px}
input[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #c30000}
.error{display:block;color:#c30000;font-weight:600;margin:.25rem 0 0}
fieldset{border:0;padding:0;margin:0 0 1.5rem}
legend{padding:0}
.summary{border:3px solid #c30000;border-radius:8px;padding:1rem 1.5rem;margin:0 0 2rem}
.summary:focus{outline:3px solid #0055b3;outline-offset:3px}
.summary ul{margin:0;padding-left:1.25rem}
.summary a{color:#c30000;font-weight:600}
button{font:inherit;font-weight:600;font-size:1.125rem;color:#fff;background:#0067c5;border:0;border-radius:8px;padding:.75rem 1.5rem;cursor:pointer}
button:hover{background:#0056b4}
.receipt{border-left:4px solid #06893a;background:#f3fcf5;padding:1rem 1.5rem;margin:0 0 1.5rem}
.ref{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.125rem;word-break:break-all}
a{color:#0067c5}
small{display:block;color:#49515e;margin-top:2rem}
`.trim();

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLES).digest('base64')}'`;

/**
 * The tip pages' own Content-Security-Policy: no scripts at all, the one inline stylesheet by hash,
 * and forms may post only back to us.
 */
export const TIP_FORM_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<a class="skip" href="#innhold">Gå til innholdet</a>
<header><p>Mottak</p></header>
<main id="innhold">
${content}
</main>
</body>
</html>
`;
}

interface FieldSpec {
  name: TipFormField;
  label: string;
  hint?: string;
  type: 'text' | 'email' | 'tel' | 'textarea';
  autocomplete: string;
  maxLength: number;
  required?: boolean;
}

const REPORT_FIELDS: FieldSpec[] = [
  { name: 'tittel', label: 'Hva gjelder tipset?', hint: 'En kort tittel, for eksempel «Mistenkelig fotografering ved kraftstasjon».', type: 'text', autocomplete: 'off', maxLength: MAX_TITLE_LENGTH, required: true },
  {
    name: 'beskrivelse',
    label: 'Hva har du sett eller hørt?',
    hint: 'Skriv hva som skjedde, hvor og når, og hvem som var involvert. Ta med telefonnumre, e-postadresser eller andre kjennetegn hvis du har dem.',
    type: 'textarea',
    autocomplete: 'off',
    maxLength: MAX_BODY_LENGTH,
    required: true,
  },
];

const CONTACT_FIELDS: FieldSpec[] = [
  { name: 'navn', label: 'Navn', type: 'text', autocomplete: 'name', maxLength: 200 },
  { name: 'epost', label: 'E-post', type: 'email', autocomplete: 'email', maxLength: 320 },
  { name: 'telefon', label: 'Telefon', type: 'tel', autocomplete: 'tel', maxLength: 40 },
];

function fieldHtml(spec: FieldSpec, value: string, error: string | undefined): string {
  const id = `felt-${spec.name}`;
  const described = [spec.hint ? `${id}-hint` : '', error ? `${id}-feil` : ''].filter(Boolean).join(' ');
  const attributes = [
    `id="${id}"`,
    `name="${spec.name}"`,
    `autocomplete="${spec.autocomplete}"`,
    `maxlength="${spec.maxLength}"`,
    spec.required ? 'required aria-required="true"' : '',
    described ? `aria-describedby="${described}"` : '',
    error ? 'aria-invalid="true"' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const control =
    spec.type === 'textarea'
      ? `<textarea ${attributes} rows="8">${escapeHtml(value)}</textarea>`
      : `<input type="${spec.type}" ${attributes} value="${escapeHtml(value)}">`;
  return `<div class="field">
<label for="${id}">${escapeHtml(spec.label)}</label>
${spec.hint ? `<span class="hint" id="${id}-hint">${escapeHtml(spec.hint)}</span>` : ''}
${control}
${error ? `<span class="error" id="${id}-feil">${escapeHtml(error)}</span>` : ''}
</div>`;
}

export interface TipFormPage {
  values: TipFormValues;
  errors: TipFormError[];
  /** The form's one-time id (becomes the Idempotency-Key when posted). */
  formId: string;
}

/**
 * The public tip form: plain HTML that works without JavaScript. With errors it starts with a
 * summary that links to each field (and takes focus), and every field names its own error.
 */
export function renderTipForm({ values, errors, formId }: TipFormPage): string {
  const errorFor = (field: TipFormField) => errors.find((e) => e.field === field)?.message;
  const summary = errors.length
    ? `<div class="summary" role="alert" tabindex="-1" autofocus aria-labelledby="feil-tittel">
<h2 id="feil-tittel">Du må rette opp dette før du kan sende tipset</h2>
<ul>${errors
        .map((e) => (e.field === 'skjema' ? `<li>${escapeHtml(e.message)}</li>` : `<li><a href="#felt-${e.field}">${escapeHtml(e.message)}</a></li>`))
        .join('')}</ul>
</div>`
    : '';
  const content = `${summary}
<h1>Tips oss</h1>
<p class="lead">Har du sett eller hørt noe du mener vi bør vite om? Her kan du gi oss et tips. Du kan være anonym.</p>
<p class="urgent"><strong>Haster det?</strong> Ring politiet på 112.</p>
<form method="post" action="${TIP_FORM_PATH}" accept-charset="utf-8" novalidate>
<input type="hidden" name="skjemaId" value="${escapeHtml(formId)}">
${REPORT_FIELDS.map((spec) => fieldHtml(spec, values[spec.name], errorFor(spec.name))).join('\n')}
<fieldset aria-describedby="kontakt-hint">
<legend>Kontaktinformasjon (valgfritt)</legend>
<span class="hint" id="kontakt-hint">Fyll ut hvis vi kan kontakte deg for flere opplysninger.</span>
${CONTACT_FIELDS.map((spec) => fieldHtml(spec, values[spec.name], errorFor(spec.name))).join('\n')}
</fieldset>
<button type="submit">Send tips</button>
</form>
<small>Opplysningene lagres sikkert og behandles etter politiregisterloven. Vi svarer ikke på tips, men alle blir vurdert.</small>`;
  return page(errors.length ? 'Feil i skjemaet – Tips oss – Mottak' : 'Tips oss – Mottak', content);
}

/** The receipt after a stored tip: a reference and the time it was received, in Norwegian time. */
export function renderTipReceipt(receipt: { id: string; receivedAt: string }): string {
  const received = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(receipt.receivedAt));
  const content = `<h1>Takk for tipset</h1>
<div class="receipt" role="status">
<h2>Tipset er mottatt og lagret</h2>
<p>Mottatt ${escapeHtml(received)}.</p>
<p>Referanse: <span class="ref">${escapeHtml(receipt.id)}</span></p>
</div>
<p>Ta vare på referansen hvis du vil vise til tipset senere. Du trenger ikke gjøre noe mer.</p>
<p><a href="${TIP_FORM_PATH}">Send et nytt tips</a></p>`;
  return page('Tipset er mottatt – Mottak', content);
}

/** The answer when a client has sent too many tips in a short time (the form is kept). */
export const TOO_MANY_TIPS_MESSAGE = 'Du har sendt mange tips på kort tid. Vent et minutt og send igjen.';
