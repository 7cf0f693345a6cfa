import { z } from 'zod';

/** The category a rule applies to when no rule names a report's own category. */
export const RETENTION_DEFAULT_CATEGORY = '*';

/** The title a disposed report keeps in place of its own (the journal metadata stays). */
export const DISPOSED_TITLE = '[Kassert]';

/** What is due: review (vurdering av fortsatt behov) or disposal (kassasjon). */
export const RETENTION_DUE_KINDS = ['review', 'disposal'] as const;
export const retentionDueKindSchema = z.enum(RETENTION_DUE_KINDS);
export type RetentionDueKind = z.infer<typeof retentionDueKindSchema>;

const years = z.number().int().min(0, 'kan ikke være negativ').max(200);

/** One rule: reports of `category` are reviewed and disposed this many years after registration. */
export const retentionRuleSchema = z.strictObject({
  category: z.string().trim().min(1).max(100).describe('A registration category, or `*` for every category without a rule of its own'),
  reviewAfterYears: years,
  disposeAfterYears: years,
  note: z.string().max(500).optional(),
});
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

/**
 * A retention rule set. Conflicts are refused, each at the rule that causes it: one category
 * twice, disposal before review, and no default (`*`) rule to fall back on.
 */
export const retentionRuleSetSchema = z
  .strictObject({
    version: z.string().trim().min(1).max(50),
    rules: z.array(retentionRuleSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const seen = new Map<string, number>();
    set.rules.forEach((rule, i) => {
      const first = seen.get(rule.category);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'category'], message: `kategorien «${rule.category}» har allerede en regel (rules[${first}])` });
      } else {
        seen.set(rule.category, i);
      }
      if (rule.disposeAfterYears < rule.reviewAfterYears) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'disposeAfterYears'], message: 'kassasjon kan ikke komme før vurdering (disposeAfterYears < reviewAfterYears)' });
      }
    });
    if (!seen.has(RETENTION_DEFAULT_CATEGORY)) {
      ctx.addIssue({ code: 'custom', path: ['rules'], message: `mangler standardregel (category: '${RETENTION_DEFAULT_CATEGORY}')` });
    }
  });
export type RetentionRuleSet = z.infer<typeof retentionRuleSetSchema>;

/** The record a disposal leaves on the report in place of its content: who, when, why, by which rule. */
export const disposalRecordSchema = z.object({
  disposedAt: z.string(),
  requestId: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  approvedBy: z.string(),
  reason: z.string(),
  rule: retentionRuleSchema.extend({ ruleSetVersion: z.string() }),
  /** The instant the report became due for disposal under that rule. */
  dueAt: z.string(),
});
export type DisposalRecord = z.infer<typeof disposalRecordSchema>;
