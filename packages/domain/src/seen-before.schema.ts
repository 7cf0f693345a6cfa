import { z } from 'zod';
import { entityTypeSchema } from './assessment.schema';

/** An earlier report whose text is nearly the same (SimHash within the threshold), as one reader may see it. */
export const nearDuplicateSchema = z.object({
  id: z.string(),
  journalNumber: z.string().optional().describe('Set when the earlier report is registered'),
  similarity: z.number().min(0).max(1).describe('1 − Hamming distance / 64 of the two SimHashes; 1 is the same fingerprint'),
});
export type NearDuplicate = z.infer<typeof nearDuplicateSchema>;

/** An identifier of this report that earlier reports hold too, counted only over reports the reader may see. */
export const entityOverlapSchema = z.object({
  type: entityTypeSchema,
  value: z.string().describe('The normalised value (E.164 phone, lower-case e-mail …)'),
  count: z.number().int().min(1).describe('Earlier reports you may see that hold this identifier'),
  registeredCount: z.number().int().min(0).describe('How many of them are registered'),
  registered: z
    .array(z.object({ id: z.string(), journalNumber: z.string() }))
    .describe('The registered ones with the highest journal numbers (a bounded list), to link to'),
});
export type EntityOverlap = z.infer<typeof entityOverlapSchema>;

/** "Sett før" beyond exact duplicates: near-duplicates and shared identifiers, both bounded lists. */
export const seenBeforeSchema = z.object({
  nearDuplicates: z.array(nearDuplicateSchema).describe('Earlier reports with nearly the same text, most similar first'),
  entityOverlaps: z
    .array(entityOverlapSchema)
    .describe('Identifiers of this report found in earlier reports; personal identifiers only for readers with the personopplysninger need'),
});
export type SeenBefore = z.infer<typeof seenBeforeSchema>;
