import { entityTypeSchema, graderingSchema, PRIORITIES, type Priority } from '@mottak/domain';
import { z } from 'zod';

/** The five data-quality dimensions every rule belongs to. */
export const DQ_DIMENSIONS = ['completeness', 'validity', 'consistency', 'timeliness', 'uniqueness'] as const;
export const dqDimensionSchema = z.enum(DQ_DIMENSIONS);
export type DqDimension = z.infer<typeof dqDimensionSchema>;

/** `blocking` findings stop a registration; `warning` findings are only counted and listed. */
export const DQ_SEVERITIES = ['blocking', 'warning'] as const;
export const dqSeveritySchema = z.enum(DQ_SEVERITIES);
export type DqSeverity = z.infer<typeof dqSeveritySchema>;

/** Report fields a completeness rule may require; dotted paths into the Report. */
export const REQUIRED_FIELD_NAMES = [
  'title',
  'body',
  'occurredAt',
  'reporterContact',
  'reporterContact.name',
  'reporterContact.email',
  'reporterContact.phone',
  'skjerming',
  'compartments',
  'registration.note',
  'assessment',
] as const;
export const requiredFieldSchema = z.enum(REQUIRED_FIELD_NAMES);
export type RequiredField = z.infer<typeof requiredFieldSchema>;

const categoryKeySchema = z.string().trim().min(1, 'kategori kan ikke være tom').max(60);

const ruleBase = {
  id: z
    .string()
    .regex(/^[a-z0-9æøå][a-z0-9æøå-]{0,63}$/, 'id må være små bokstaver, tall og bindestrek (maks 64 tegn)'),
  dimension: dqDimensionSchema,
  severity: dqSeveritySchema,
  explanation: z.string().trim().min(1, 'forklaring kan ikke være tom').max(500),
  /** Weight in the report's score; a failed rule of weight 3 costs three times one of weight 1. */
  weight: z.number().int().min(1).max(10).default(1),
};

/** Completeness: fields that must be filled in, for every category and per category. */
const requiredFieldsRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('required-fields'),
  params: z
    .strictObject({
      fields: z.array(requiredFieldSchema).default([]),
      perCategory: z.record(categoryKeySchema, z.array(requiredFieldSchema).min(1)).default({}),
    })
    .refine((p) => p.fields.length > 0 || Object.keys(p.perCategory).length > 0, 'oppgi minst ett felt i fields eller perCategory'),
});

/** Validity: extracted identifiers check out, and no look-alikes failed validation. */
const identifiersValidRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('identifiers-valid'),
  params: z
    .strictObject({
      types: z.array(entityTypeSchema).min(1).optional(),
      /** Also report 11-digit numbers that look like fødselsnummer but fail the checksum. */
      flagInvalidLookalikes: z.boolean().default(true),
    })
    .default({ flagInvalidLookalikes: true }),
});

/** Consistency: national identity numbers in the text ⇒ a minimum gradering and/or a label. */
const personalDataRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('personal-data'),
  params: z
    .strictObject({
      minGradering: graderingSchema.optional(),
      /** Category (or fired assessment rule) that marks the report as holding personal data. */
      label: categoryKeySchema.optional(),
    })
    .refine((p) => p.minGradering !== undefined || p.label !== undefined, 'oppgi minGradering, label eller begge'),
});

const minutesSchema = z.number().positive().max(60 * 24 * 365);

/** Per priority: minutes from receipt to assessment and to registration. */
const slaSchema = z.strictObject({
  assessWithinMinutes: minutesSchema.optional(),
  registerWithinMinutes: minutesSchema.optional(),
});

/** Timeliness: SLAs per priority. */
const slaRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('sla'),
  params: z.strictObject({
    slas: z.partialRecord(z.enum(PRIORITIES), slaSchema),
  }),
});

/** Uniqueness: no exact duplicate left unresolved. */
const noUnresolvedDuplicatesRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('no-unresolved-duplicates'),
  params: z.strictObject({}).default({}),
});

export const dqRuleSchema = z.discriminatedUnion('kind', [
  requiredFieldsRuleSchema,
  identifiersValidRuleSchema,
  personalDataRuleSchema,
  slaRuleSchema,
  noUnresolvedDuplicatesRuleSchema,
]);
export type DqRule = z.infer<typeof dqRuleSchema>;
export type DqRuleKind = DqRule['kind'];

/** The dimension each kind of rule measures; a rule claiming another is refused as a conflict. */
export const DIMENSION_OF_KIND: Record<DqRuleKind, DqDimension> = {
  'required-fields': 'completeness',
  'identifiers-valid': 'validity',
  'personal-data': 'consistency',
  sla: 'timeliness',
  'no-unresolved-duplicates': 'uniqueness',
};

/** A whole catalogue: version and rules, with the cross-rule checks (unique ids, coherent SLAs). */
export const dqCatalogueSchema = z
  .strictObject({
    version: z.string({ error: 'må være tekst; sett versjonen i anførselstegn, f.eks. "2025.1"' }).trim().min(1),
    rules: z.array(dqRuleSchema).min(1, 'katalogen må ha minst én regel'),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `regel-id «${rule.id}» er brukt før` });
      seen.add(rule.id);
      if (DIMENSION_OF_KIND[rule.kind] !== rule.dimension) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'dimension'],
          message: `regeltypen «${rule.kind}» måler «${DIMENSION_OF_KIND[rule.kind]}», ikke «${rule.dimension}»`,
        });
      }
      if (rule.kind === 'sla') {
        // Lateness cannot be repaired by the coordinator; blocking would only make the report later.
        if (rule.severity === 'blocking') {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'severity'], message: 'en tidsfrist-regel kan ikke være blocking' });
        }
        for (const [priority, sla] of Object.entries(rule.params.slas) as Array<[Priority, z.infer<typeof slaSchema>]>) {
          if (sla.assessWithinMinutes !== undefined && sla.registerWithinMinutes !== undefined && sla.registerWithinMinutes < sla.assessWithinMinutes) {
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'params', 'slas', priority, 'registerWithinMinutes'],
              message: `fristen for registrering (${sla.registerWithinMinutes} min) er kortere enn fristen for vurdering (${sla.assessWithinMinutes} min)`,
            });
          }
        }
      }
    });
  });
export type DqCatalogue = z.infer<typeof dqCatalogueSchema>;
