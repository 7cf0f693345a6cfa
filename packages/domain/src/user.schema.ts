import { z } from 'zod';
import { graderingSchema } from './gradering';
import { compartmentSchema } from './report.schema';
import { type Need, needSchema } from './access.schema';

/** Roles: koordinator, fagansvarlig (supervisor), søkebruker, revisor, admin. */
export const ROLES = ['koordinator', 'fagansvarlig', 'sokebruker', 'revisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z.string().regex(/^[a-z][a-z0-9._-]{1,39}$/, 'må starte med en liten bokstav; a–z, 0–9, . _ -');

/** A user of Mottak as the policies see it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  klarering: z.infer<typeof graderingSchema>;
  unit: string;
  compartments: string[];
  /** Tjenstlige behov beyond roles, e.g. `personopplysninger` to see identifiers unmasked. */
  needs: Need[];
  disabled: boolean;
}

export const newUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'må ha minst 12 tegn').max(200),
  roles: z.array(roleSchema).min(1),
  klarering: graderingSchema,
  unit: z.string().trim().min(1).max(100),
  compartments: z.array(compartmentSchema).max(50).default([]),
  needs: z.array(needSchema).max(10).default([]),
});
export type NewUser = z.infer<typeof newUserSchema>;

/**
 * PATCH /users/{username}: what an administrator may change of a user — rights take effect on the
 * user's next request (sessions look the user up every time). Username and id never change.
 */
export const userChangeSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    roles: z.array(roleSchema).min(1).optional(),
    klarering: graderingSchema.optional(),
    unit: z.string().trim().min(1).max(100).optional(),
    compartments: z.array(compartmentSchema).max(50).optional(),
    needs: z.array(needSchema).max(10).optional(),
    disabled: z.boolean().optional().describe('A disabled user can do nothing; their sessions end'),
  })
  .refine((change) => Object.keys(change).length > 0, { message: 'ingen endringer' });
export type UserChange = z.infer<typeof userChangeSchema>;

/** A partner agency submitting through the partner API with its own key. */
export interface Partner {
  id: string;
  name: string;
}
