import { z } from 'zod';
import type { Priority } from './assessment.schema';
import type { Gradering } from './gradering';

/** Longest handover note: a few sentences for the next shift, not a report of its own. */
export const MAX_HANDOVER_NOTE_LENGTH = 1000;
/** Notes kept on one report; an open item with more needs a case, not more notes. */
export const MAX_HANDOVER_NOTES_PER_REPORT = 50;

/**
 * Statuses in which a report is still open work for the intake desk, so a shift can hand it over:
 * received, assessed, registered or being worked on. Finished, archived and withdrawn reports are not.
 */
export const HANDOVER_OPEN_STATUSES = ['mottatt', 'vurdert', 'registrert', 'under_behandling'] as const;

/**
 * A shift handover note (overleveringsnotat) on an open report: what the next shift must know
 * («ringte melder, venter på svar»). Part of the report's content: only its readers see it, masked
 * like the report for readers without the personopplysninger need, and removed by disposal.
 */
export const handoverNoteSchema = z.strictObject({
  id: z.string().min(1).max(100),
  at: z.string(),
  /** Username of the coordinator who wrote it. */
  author: z.string().min(1).max(100),
  /** Display name at the time of writing, for the next shift. */
  authorName: z.string().max(200),
  text: z.string().min(1).max(MAX_HANDOVER_NOTE_LENGTH),
});
export type HandoverNote = z.infer<typeof handoverNoteSchema>;

export const handoverNoteListSchema = z.array(handoverNoteSchema).max(MAX_HANDOVER_NOTES_PER_REPORT);

/** What a coordinator sends to write a note: the text, trimmed, never empty. */
export const newHandoverNoteSchema = z.strictObject({
  text: z.string().trim().min(1, 'kan ikke være tom').max(MAX_HANDOVER_NOTE_LENGTH, `høyst ${MAX_HANDOVER_NOTE_LENGTH} tegn`),
});
export type NewHandoverNote = z.infer<typeof newHandoverNoteSchema>;

/** One open report in the «Overlevering» view: what it is, and what the last shift wrote. */
export interface HandoverItem {
  id: string;
  title: string;
  status: (typeof HANDOVER_OPEN_STATUSES)[number];
  gradering: Gradering;
  receivedAt: string;
  priority?: Priority;
  category?: string;
  journalNumber?: string;
  noteCount: number;
  latestNote: HandoverNote;
  /** Set when title and note were masked for this reader. */
  personalDataMasked?: true;
}
