import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type CoreDeps, receiveReport } from '@mottak/core';
import { isDomainError } from '@mottak/domain';
import { defineRoute, type RouteResult, type RouteSpec } from '../route';
import { renderTipForm, renderTipReceipt, TIP_FORM_CSP, TIP_FORM_PATH, TOO_MANY_TIPS_MESSAGE } from '../tip-form/tip-form.html';
import { type TipFormError, tipFormErrors, tipFormSchema, type TipFormValues, tipFormValues } from '../tip-form/tip-form.schema';

const EMPTY_FORM: TipFormValues = { tittel: '', beskrivelse: '', navn: '', epost: '', telefon: '' };

/** Every tip page: its own strict CSP, and never cached (each form carries a one-time id). */
const HTML_HEADERS = { 'Content-Security-Policy': TIP_FORM_CSP, 'Cache-Control': 'no-store' };

/** The form again, with the values as typed, the errors, and a fresh one-time id. */
export function tipFormResult(status: number, values: TipFormValues, errors: TipFormError[]): RouteResult {
  return { status, html: renderTipForm({ values, errors, formId: randomUUID() }), headers: HTML_HEADERS };
}

/** The answer to a client over the tip rate limit: the form with what they wrote, and why. */
export function tooManyTipsResult(rawBody: unknown): RouteResult {
  return tipFormResult(429, tipFormValues(rawBody), [{ field: 'skjema', message: TOO_MANY_TIPS_MESSAGE }]);
}

/**
 * The public tip form as server-rendered HTML that works without JavaScript: GET shows it, POST
 * (an ordinary form post) stores the tip through the same use case, schema and rate limit as the
 * JSON intake, as the public principal, and answers with a receipt page.
 */
export function tipFormRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: TIP_FORM_PATH,
      operationId: 'tipForm',
      summary: 'Tipsskjema for publikum (HTML, virker uten JavaScript)',
      tag: 'Mottak',
      auth: 'none',
      responses: { 200: { description: 'The form', schema: z.string(), contentType: 'text/html' } },
      async handler() {
        return tipFormResult(200, EMPTY_FORM, []);
      },
    }),
    defineRoute({
      method: 'post',
      path: TIP_FORM_PATH,
      operationId: 'submitTipForm',
      summary: 'Send tipsskjemaet (skjemapost); svarer med kvittering eller skjemaet med feil (HTML)',
      tag: 'Mottak',
      auth: 'none',
      body: tipFormSchema,
      bodyType: 'form',
      responses: {
        202: { description: 'Stored durably as mottatt: a receipt page', schema: z.string(), contentType: 'text/html' },
        400: { description: 'The form again with an error per field', schema: z.string(), contentType: 'text/html' },
        409: { description: 'This form was already sent with other content: the form again with a fresh id', schema: z.string(), contentType: 'text/html' },
        429: { description: 'Too many tips from this client: the form again with the message', schema: z.string(), contentType: 'text/html' },
      },
      async invalidBody({ raw }, errors) {
        const values = tipFormValues(raw);
        return tipFormResult(400, values, tipFormErrors(errors, values));
      },
      async handler({ body, req }) {
        try {
          const { report } = await receiveReport(deps, { kind: 'public' }, body.report, body.formId);
          return { status: 202, html: renderTipReceipt(report), headers: HTML_HEADERS };
        } catch (error) {
          // The same form id with other content: sent once already, then edited after "back".
          if (isDomainError(error) && error.code === 'IDEMPOTENCY_KEY_REUSED') {
            return tipFormResult(409, tipFormValues(req.body), [
              { field: 'skjema', message: 'Dette skjemaet er allerede sendt inn. Teksten din står under; send på nytt for å sende den som et nytt tips.' },
            ]);
          }
          throw error;
        }
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
