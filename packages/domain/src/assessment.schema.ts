import { z } from 'zod';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const ENTITY_TYPES = ['email', 'url', 'ipv4', 'ipv6', 'phone', 'fodselsnummer', 'd-nummer'] as const;
export const entityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof entityTypeSchema>;

/** An identifier found in a report: where (offsets into the normalised text), as written, and normalised. */
export const entitySchema = z.object({
  type: entityTypeSchema,
  value: z.string().describe('Normalised value: E.164 phone, lower-case e-mail, 11 digits for fødselsnummer'),
  raw: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type Entity = z.infer<typeof entitySchema>;

export const firedRuleSchema = z.object({
  ruleId: z.string(),
  description: z.string(),
  reason: z.string().describe('Why the rule fired, naming what matched'),
  priority: prioritySchema.optional(),
  category: z.string().optional(),
});
export type FiredRule = z.infer<typeof firedRuleSchema>;

/** The first assessment (førstehåndsvurdering) stored with a report. */
export const assessmentSchema = z.object({
  assessedAt: z.string(),
  ruleSetVersion: z.string(),
  contentHash: z.string(),
  entities: z.array(entitySchema),
  duplicateOf: z.array(z.string()).describe('Ids of earlier reports with the same normalised content'),
  priority: prioritySchema,
  category: z.string(),
  firedRules: z.array(firedRuleSchema),
});
export type Assessment = z.infer<typeof assessmentSchema>;
