import { z } from 'zod';

/** Security classifications under sikkerhetsloven, lowest first. The order is the clearance order. */
export const GRADERINGER = ['UGRADERT', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG', 'STRENGT_HEMMELIG'] as const;
export const graderingSchema = z.enum(GRADERINGER);
export type Gradering = z.infer<typeof graderingSchema>;

/** Numeric rank of a gradering; a clearance may read every gradering with rank ≤ its own. */
export function graderingRank(gradering: Gradering): number {
  return GRADERINGER.indexOf(gradering);
}

/** Every gradering a holder of the given klarering may read. */
export function graderingerReadableWith(klarering: Gradering): Gradering[] {
  return GRADERINGER.slice(0, graderingRank(klarering) + 1);
}

/** Labels as users write them ("STRENGT HEMMELIG" with a space). */
export const GRADERING_LABELS: Record<Gradering, string> = {
  UGRADERT: 'UGRADERT',
  BEGRENSET: 'BEGRENSET',
  KONFIDENSIELT: 'KONFIDENSIELT',
  HEMMELIG: 'HEMMELIG',
  STRENGT_HEMMELIG: 'STRENGT HEMMELIG',
};
