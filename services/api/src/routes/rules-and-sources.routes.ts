import { z } from 'zod';
import { RuleSetError } from '@mottak/assessment';
import { type CoreDeps, gradeSource, reloadRuleSet, ruleOverrideStats, ruleSetStatus, suggestSourceGrading, uploadRuleSet } from '@mottak/core';
import {
  DomainError,
  recordedSourceGradingSchema,
  reportSchema,
  sourceGradingSchema,
  sourceReliabilitySchema,
} from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';

/** Largest rule set accepted by upload: the shipped one is a few kilobytes. */
const MAX_RULE_SET_CHARS = 200_000;

const ruleSetStatusSchema = z.object({
  version: z.string(),
  file: z.string().describe('The file the rule set was read from'),
  loadedAt: z.string().describe('When this API process read it'),
  sha256: z.string().describe('SHA-256 of the file: equal in every process that holds the same file'),
  ruleCount: z.number().int(),
  defaults: z.object({ priority: z.string(), category: z.string() }),
});

/** An instant or a date (00:00 UTC), normalised to the stored form so that string comparison orders it. */
const instant = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(value) && !Number.isNaN(Date.parse(value)), 'må være en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt (ISO 8601)')
  .transform((value) => new Date(value).toISOString());

const DEFAULT_WINDOW_DAYS = 30;

const overridesQuery = z
  .strictObject({
    from: instant.optional().describe(`Registered at or after (default: ${DEFAULT_WINDOW_DAYS} days before to)`),
    to: instant.optional().describe('Registered before (default: now)'),
  })
  .transform(({ from, to }) => {
    const end = to ?? new Date().toISOString();
    return { from: from ?? new Date(Date.parse(end) - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString(), to: end };
  });

const ruleOverrideRowSchema = z.object({
  ruleId: z.string(),
  description: z.string().optional().describe('From the rule set in force; absent for a rule removed since'),
  inCurrentRuleSet: z.boolean(),
  fired: z.number().int().describe('Registered reports in the window where the rule fired'),
  overridden: z.number().int().describe('Of those, reports where the rule gave the suggested priority or category and the coordinator registered another'),
  priorityOverridden: z.number().int(),
  categoryOverridden: z.number().int(),
  overrideRate: z.number().describe('overridden / fired, 0–1'),
});

const ruleOverridesSchema = z.object({
  from: z.string(),
  to: z.string(),
  ruleSetVersion: z.string(),
  registered: z.number().int().describe('Registered reports in the window you are cleared for'),
  overriddenReports: z.number().int(),
  rules: z.array(ruleOverrideRowSchema),
});

const sourceSuggestionSchema = z.object({
  reportId: z.string(),
  sources: z.array(z.object({ kind: z.enum(['partner', 'e-post', 'telefon']), label: z.string() })).describe('How the source was recognised; empty when anonymous'),
  suggestion: z.object({
    reliability: sourceReliabilitySchema,
    reason: z.string().describe('E.g. «7 av 8 tidligere graderte meldinger bekreftet (troverdighet 1–2) → B»'),
    known: z.boolean(),
    history: z.object({
      earlier: z.number().int().describe('Earlier reports from the source that you may read'),
      graded: z.number().int(),
      confirmed: z.number().int().describe('Final information credibility 1 or 2'),
    }),
  }),
  grading: recordedSourceGradingSchema.optional(),
});

const gradingRequestSchema = sourceGradingSchema.extend({
  expectedVersion: z.number().int().min(1).optional(),
});

/**
 * The assessment rule set (its version, and reloading it from its file), the override rate per
 * rule for supervisors, and Admiralty source grading (a suggestion from the source's history, and
 * the coordinator's final grading).
 */
export function rulesAndSourcesRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/rule-set',
      operationId: 'getRuleSet',
      summary: 'Regelsettet som gjelder i denne prosessen: versjon, fil, når det ble lest, antall regler',
      tag: 'Kontroll',
      auth: 'user',
      responses: { 200: { description: 'The rule set in force', schema: ruleSetStatusSchema }, 403: { description: 'Not a supervisor or administrator' } },
      async handler({ user }) {
        return { status: 200, body: ruleSetStatus(deps, user) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/rule-set/reload',
      operationId: 'reloadRuleSet',
      summary: 'Les regelsettfilen på nytt uten omstart; en ugyldig fil avvises med fil, linje og grunn, og regelsettet som gjelder, beholdes',
      tag: 'Kontroll',
      auth: 'user',
      responses: {
        200: { description: 'The rule set now in force', schema: ruleSetStatusSchema },
        403: { description: 'Not a supervisor or administrator' },
        422: { description: 'The file is invalid (problem+json with file, line, reason, problems and runningVersion); nothing changed' },
      },
      async handler({ user }) {
        try {
          return { status: 200, body: await reloadRuleSet(deps, user) };
        } catch (error) {
          if (!(error instanceof RuleSetError)) throw error;
          throw new DomainError('RULESET_INVALID', `${error.message}. Regelsett ${deps.ruleSet().version} gjelder fortsatt.`, {
            file: error.source,
            line: error.line ?? null,
            reason: error.reason,
            problems: error.problems,
            runningVersion: deps.ruleSet().version,
          });
        }
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/rule-set',
      operationId: 'uploadRuleSet',
      summary: 'Last opp et nytt regelsett (YAML): valideres først, skrives så til regelsettfilen og gjelder straks; et ugyldig regelsett avvises med hver feil (linje og grunn), og ingenting endres',
      tag: 'Kontroll',
      auth: 'user',
      body: z.strictObject({ yaml: z.string().min(1, 'kan ikke være tom').max(MAX_RULE_SET_CHARS, `høyst ${MAX_RULE_SET_CHARS} tegn`).describe('The rule set as YAML (or JSON), the same format as the file') }),
      responses: {
        200: { description: 'The uploaded rule set, now in force', schema: ruleSetStatusSchema },
        403: { description: 'Not a supervisor or administrator' },
        409: { description: 'The rule set in force is the shipped default (RULESET_READ_ONLY): set MOTTAK_RULES_FILE' },
        422: { description: 'Invalid (problem+json with every problem: line and reason); nothing was written' },
      },
      async handler({ user, body }) {
        try {
          return { status: 200, body: await uploadRuleSet(deps, user, body.yaml) };
        } catch (error) {
          if (!(error instanceof RuleSetError)) throw error;
          throw new DomainError('RULESET_INVALID', `Regelsettet er ikke gyldig: ${error.problems.length} feil. Regelsett ${deps.ruleSet().version} gjelder fortsatt.`, {
            line: error.line ?? null,
            reason: error.reason,
            problems: error.problems,
            runningVersion: deps.ruleSet().version,
          });
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/quality/rule-overrides',
      operationId: 'ruleOverrides',
      summary: 'Hvor ofte koordinatorene overstyrte hver regels forslag (prioritet/kategori) blant journalposter registrert i perioden',
      tag: 'Kontroll',
      auth: 'user',
      query: overridesQuery,
      responses: {
        200: { description: 'Per rule, most overridden first; counts only reports you are cleared for', schema: ruleOverridesSchema },
        403: { description: 'Not a supervisor or auditor' },
      },
      async handler({ user, query }) {
        return { status: 200, body: await ruleOverrideStats(deps, user, query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/source-grading',
      operationId: 'getSourceGrading',
      summary: 'Forslag til kildens pålitelighet (Admiralty A–F) ut fra kildens tidligere meldinger som du kan lese, med begrunnelse, og endelig gradering',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      responses: {
        200: { description: 'The suggestion, computed over the reports you may read', schema: sourceSuggestionSchema },
        403: { description: 'Not a coordinator or supervisor' },
        404: { description: 'Missing or not visible to you' },
      },
      async handler({ user, params }) {
        return { status: 200, body: await suggestSourceGrading(deps, user, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/source-grading',
      operationId: 'gradeSource',
      summary: 'Sett eller endre endelig Admiralty-gradering (kilde A–F, opplysning 1–6), når som helst før kassasjon; journalføres',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      body: gradingRequestSchema,
      responses: {
        200: { description: 'The report with its grading', schema: reportSchema },
        403: { description: 'Not a coordinator or supervisor' },
        404: { description: 'Missing or not visible to you' },
        409: { description: 'Changed since read (expectedVersion), or disposed' },
      },
      async handler({ user, params, body }) {
        return { status: 200, body: await gradeSource(deps, user, params.id, body) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
