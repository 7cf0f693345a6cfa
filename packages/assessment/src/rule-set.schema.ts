import { channelSchema, entityTypeSchema, prioritySchema } from '@mottak/domain';
import type { Channel, EntityType, Priority } from '@mottak/domain';
import { z } from 'zod';

/**
 * A keyword or phrase, matched case-insensitively as whole words on normalised text. A trailing `*`
 * matches any word continuation ("etterretning*" also hits "etterretningstjeneste"), which Norwegian
 * compounds and inflections need.
 */
const keywordSchema = z
  .string()
  .trim()
  .min(1, 'nøkkelord kan ikke være tomt')
  .max(200)
  .refine((k) => !k.slice(0, -1).includes('*') && k !== '*', 'stjerne (*) er bare lov til slutt i et nøkkelord');

const categorySchema = z.string().trim().min(1, 'kategori kan ikke være tom').max(60);

/** When a rule fires: every condition given must hold (and at least one must be given). */
export const ruleConditionSchema = z
  .strictObject({
    anyKeywords: z.array(keywordSchema).min(1).optional().describe('Minst ett av nøkkelordene finnes i tittel eller tekst'),
    allKeywords: z.array(keywordSchema).min(1).optional().describe('Alle nøkkelordene finnes i tittel eller tekst'),
    entityTypes: z.array(entityTypeSchema).min(1).optional().describe('Minst én av identifikatortypene er funnet'),
    channels: z.array(channelSchema).min(1).optional().describe('Meldingen kom inn gjennom en av kanalene'),
  })
  .refine((when) => Object.values(when).some((v) => v !== undefined), 'when må ha minst én betingelse');

/** What a fired rule contributes; both optional (a rule may only add a reason). */
export const ruleOutcomeSchema = z.strictObject({
  priority: prioritySchema.optional(),
  category: categorySchema.optional(),
});

export const ruleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9æøå][a-z0-9æøå-]{0,63}$/, 'id må være små bokstaver, tall og bindestrek (maks 64 tegn)'),
  description: z.string().trim().min(1, 'beskrivelse kan ikke være tom').max(300),
  when: ruleConditionSchema,
  then: ruleOutcomeSchema,
});

export const ruleSetSchema = z
  .strictObject({
    version: z.string({ error: 'må være tekst; sett versjonen i anførselstegn, f.eks. "2025.1"' }).trim().min(1),
    defaults: z.strictObject({ priority: prioritySchema, category: categorySchema }),
    rules: z.array(ruleSchema),
  })
  .superRefine((ruleSet, ctx) => {
    const seen = new Set<string>();
    ruleSet.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `regel-id «${rule.id}» er brukt før` });
      seen.add(rule.id);
    });
  });

export interface RuleCondition {
  anyKeywords?: string[];
  allKeywords?: string[];
  entityTypes?: EntityType[];
  channels?: Channel[];
}

export interface RuleOutcome {
  priority?: Priority;
  category?: string;
}

/** One assessment rule: if every condition in `when` holds, `then` applies and the reason is recorded. */
export interface Rule {
  id: string;
  description: string;
  when: RuleCondition;
  then: RuleOutcome;
}

/** A validated, versioned rule set. Rule order matters only to break ties between equal priorities. */
export interface RuleSet {
  version: string;
  rules: Rule[];
  defaults: { priority: Priority; category: string };
}

// Compile-time check that the schema's output fits the published interface.
const _schemaFitsInterface = (parsed: z.output<typeof ruleSetSchema>): RuleSet => parsed;
void _schemaFitsInterface;
