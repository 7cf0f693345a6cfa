import { randomUUID } from 'node:crypto';

/** The wall clock. */
export const systemClock = { now: () => new Date() };

/** Random UUIDs (v4) as ids. */
export const uuidIds = { newId: () => randomUUID() };
