import { z } from 'zod';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const ENTITY_TYPES = [
  'email',
  'url',
  'domene',
  'ipv4',
  'ipv6',
  'phone',
  'fodselsnummer',
  'd-nummer',
  'h-nummer',
  'orgnr',
  'kontonummer',
  'iban',
  'betalingskort',
  'kjennemerke',
  'bitcoin',
  'ethereum',
  'tidspunkt',
] as const;
export const entityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof entityTypeSchema>;

/** An identifier found in a report: where (offsets into the normalised text), as written, and normalised. */
export const entitySchema = z.object({
  type: entityTypeSchema,
  value: z.string().describe('Normalised value: E.164 phone, lower-case e-mail, 11 digits for fødselsnummer'),
  raw: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  attachment: z
    .string()
    .optional()
    .describe('SHA-256 of the attachment the entity was found in; offsets are then into that attachment\'s normalised extracted text'),
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

/** A look-alike identifier that failed validation (checksum, date, length): not an entity, shown to the coordinator. */
export const possibleIdentifierSchema = z.object({
  type: entityTypeSchema.describe('The identifier type it looks like'),
  raw: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  reason: z.string().describe('Why validation failed, in Norwegian (e.g. «kontrollsiffer stemmer ikke»)'),
});
export type PossibleIdentifier = z.infer<typeof possibleIdentifierSchema>;

/** Detected language of a report: bokmål, nynorsk, English, or anything else. */
export const LANGUAGES = ['nb', 'nn', 'en', 'other'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

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
  language: languageSchema.optional(),
  possibleIdentifiers: z.array(possibleIdentifierSchema).optional().describe('Look-alikes that failed validation'),
  simhash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional()
    .describe('64-bit SimHash of the normalised title and body (16 hex digits), for near-duplicate lookup'),
  sourceKeys: z
    .array(z.string())
    .optional()
    .describe('Pseudonymous keys of who stands behind the report (kind:SHA-256), for the source history behind the Admiralty suggestion'),
});
export type Assessment = z.infer<typeof assessmentSchema>;
