import { canonicalJson, type JournalDraft, type OutboxEntry } from '@mottak/core';
import {
  assessmentSchema,
  attachmentListSchema,
  CHANNELS,
  disposalRecordSchema,
  GRADERINGER,
  handoverNoteListSchema,
  originalMessageSchema,
  recordedSourceGradingSchema,
  registrationSchema,
  REPORT_STATUSES,
  type Report,
  reporterContactSchema,
  reportSourceSchema,
  skjermingSchema,
} from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';

/** A journal entry written with a state change, waiting to be appended to the journal's chain. */
export interface PendingJournalDraft extends JournalDraft {
  /** `<reportId>@<version>`: the version the change produced; unique per report. */
  key: string;
}

/** An outbox entry embedded in its report, so it is written in the same atomic update as the change. */
export interface EmbeddedOutboxEntry {
  id: number;
  kind: OutboxEntry['kind'];
  /** Epoch ms from the store's clock: not claimable before. */
  availableAt: number;
  /** Epoch ms; null when not leased. */
  leasedUntil: number | null;
  attempts: number;
  lastError?: string;
}

/**
 * A report as stored: the Report's fields at the top level (`_id` is its id), so access filters,
 * sorting and indexes work on them directly; plus the bookkeeping that must change atomically with
 * it. The report, its pending journal drafts and its outbox entries live in one document because
 * one document is what MongoDB updates atomically without a transaction.
 */
export interface ReportDoc extends Omit<Report, 'id'> {
  _id: string;
  /** Set by register only; unique together (the journal number), absent until registered. */
  journalYear?: number;
  journalSeq?: number;
  /** JSON of [scope, key] for an idempotent intake; unique where present. */
  idempotencyKey?: string;
  idempotencyRequestHash?: string;
  pendingJournal: PendingJournalDraft[];
  outbox: EmbeddedOutboxEntry[];
  /** Seen-before keys (seenBeforeFields): the SimHash band keys and identifier keys, multikey-indexed; absent only on documents older than them. */
  simhashBands?: string[];
  entityKeys?: string[];
}

/** The optional fields of Report: absent in a document when undefined. */
const OPTIONAL_REPORT_FIELDS = ['reporterContact', 'occurredAt', 'skjerming', 'assessment', 'registration', 'sourceGrading', 'indexedAt', 'mergedInto', 'caseId', 'disposal', 'attachments', 'original', 'handoverNotes'] as const;

/** Fields of Report other than the id, in the order reportSchema declares them. */
export const REPORT_FIELDS = [
  'channel',
  'title',
  'body',
  'reporterContact',
  'occurredAt',
  'receivedAt',
  'source',
  'status',
  'contentHash',
  'gradering',
  'compartments',
  'skjerming',
  'assessment',
  'registration',
  'sourceGrading',
  'indexedAt',
  'mergedInto',
  'caseId',
  'disposal',
  'attachments',
  'original',
  'handoverNotes',
  'version',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Omit<Report, 'id'>>;

export const JOURNAL_NUMBER_INDEX = 'journal_number_unique';
export const IDEMPOTENCY_KEY_INDEX = 'idempotency_key_unique';

/** A mongoose validator for a nested object that the domain's zod schema describes. */
function matches(schema: { safeParse(value: unknown): { success: boolean } }, what: string) {
  return {
    validator: (value: unknown) => value === undefined || value === null || schema.safeParse(value).success,
    message: `${what} does not match the domain schema`,
  };
}

const pendingJournalSchema = new Schema<PendingJournalDraft>(
  {
    key: { type: String, required: true },
    at: { type: String, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    details: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false, minimize: false, strict: 'throw' },
);

const outboxEntrySchema = new Schema<EmbeddedOutboxEntry>(
  {
    id: { type: Number, required: true },
    kind: { type: String, enum: ['index'], required: true },
    availableAt: { type: Number, required: true },
    leasedUntil: { type: Number, default: null },
    attempts: { type: Number, required: true, min: 0, default: 0 },
    lastError: { type: String },
  },
  { _id: false, strict: 'throw' },
);

const reportDocSchema = new Schema<ReportDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    title: { type: String, required: true },
    // Not `required`: mongoose refuses '' for a required string, and a disposed report's body is ''.
    body: { type: String, validate: { validator: (v: unknown) => typeof v === 'string', message: 'body must be a string' } },
    reporterContact: { type: Schema.Types.Mixed, validate: matches(reporterContactSchema, 'reporterContact') },
    occurredAt: { type: String },
    receivedAt: { type: String, required: true },
    source: { type: Schema.Types.Mixed, required: true, validate: matches(reportSourceSchema, 'source') },
    status: { type: String, enum: REPORT_STATUSES, required: true },
    contentHash: { type: String, required: true },
    gradering: { type: String, enum: GRADERINGER, required: true },
    compartments: { type: [String], default: [] },
    skjerming: { type: Schema.Types.Mixed, validate: matches(skjermingSchema, 'skjerming') },
    assessment: { type: Schema.Types.Mixed, validate: matches(assessmentSchema, 'assessment') },
    registration: { type: Schema.Types.Mixed, validate: matches(registrationSchema, 'registration') },
    sourceGrading: { type: Schema.Types.Mixed, validate: matches(recordedSourceGradingSchema, 'sourceGrading') },
    indexedAt: { type: String },
    mergedInto: { type: String },
    caseId: { type: String },
    disposal: { type: Schema.Types.Mixed, validate: matches(disposalRecordSchema, 'disposal') },
    attachments: { type: Schema.Types.Mixed, validate: matches(attachmentListSchema, 'attachments') },
    original: { type: Schema.Types.Mixed, validate: matches(originalMessageSchema, 'original') },
    handoverNotes: { type: Schema.Types.Mixed, validate: matches(handoverNoteListSchema, 'handoverNotes') },
    version: { type: Number, required: true, min: 1, validate: Number.isInteger },
    updatedAt: { type: String, required: true },
    journalYear: { type: Number },
    journalSeq: { type: Number, min: 1, max: 999_999 },
    idempotencyKey: { type: String },
    idempotencyRequestHash: { type: String },
    pendingJournal: { type: [pendingJournalSchema], default: [] },
    outbox: { type: [outboxEntrySchema], default: [] },
    // No default: a document written before these fields existed is found by their absence and backfilled.
    simhashBands: { type: [String], default: undefined },
    entityKeys: { type: [String], default: undefined },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);

// A journal number is unique per year. Sparse: reports not yet registered have neither field.
reportDocSchema.index({ journalYear: 1, journalSeq: 1 }, { name: JOURNAL_NUMBER_INDEX, unique: true, sparse: true });
reportDocSchema.index({ idempotencyKey: 1 }, { name: IDEMPOTENCY_KEY_INDEX, unique: true, sparse: true });
// Lists (newest first), the reconciler (still `mottatt` since…), duplicates by content.
reportDocSchema.index({ receivedAt: -1, _id: -1 }, { name: 'receivedAt' });
reportDocSchema.index({ status: 1, receivedAt: 1, _id: 1 }, { name: 'status_receivedAt' });
reportDocSchema.index({ contentHash: 1, receivedAt: 1 }, { name: 'contentHash' });
// A case's reports; registrations by time (the daily journal).
reportDocSchema.index({ caseId: 1, receivedAt: -1 }, { name: 'caseId', sparse: true });
reportDocSchema.index({ 'registration.registeredAt': 1 }, { name: 'registeredAt', sparse: true });
// Bookkeeping: only reports with pending drafts or outbox entries are in these (multikey, sparse).
reportDocSchema.index({ 'pendingJournal.key': 1 }, { name: 'pendingJournal', sparse: true });
reportDocSchema.index({ 'outbox.id': 1 }, { name: 'outbox_id', sparse: true });
reportDocSchema.index({ 'outbox.availableAt': 1 }, { name: 'outbox_availableAt', sparse: true });
// Seen before: near-duplicates by band key, identifier overlaps by type:value (multikey).
reportDocSchema.index({ simhashBands: 1 }, { name: 'simhashBands' });
reportDocSchema.index({ entityKeys: 1 }, { name: 'entityKeys' });

/** Counters that need not be gap-free (outbox entry ids). */
export interface CounterDoc {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { versionKey: false, strict: 'throw', id: false },
);

/** The reports model on `connection` (one per connection or useDb database). */
export function reportModel(connection: Connection): Model<ReportDoc> {
  return (connection.models['reports'] as Model<ReportDoc> | undefined) ?? connection.model<ReportDoc>('reports', reportDocSchema, 'reports');
}

/** The counters model on `connection`. */
export function counterModel(connection: Connection): Model<CounterDoc> {
  return (connection.models['counters'] as Model<CounterDoc> | undefined) ?? connection.model<CounterDoc>('counters', counterSchema, 'counters');
}

/** The Report a stored document holds: its fields only, none of the bookkeeping. */
export function toReport(doc: ReportDoc): Report {
  const report: Record<string, unknown> = { id: doc._id };
  for (const field of REPORT_FIELDS) {
    const value = doc[field];
    if (value !== undefined && value !== null) report[field] = value;
  }
  return report as Report;
}

/** The Report's fields for a new document (`_id` from its id), leaving absent optionals out. */
export function reportFields(report: Report): Omit<ReportDoc, 'pendingJournal' | 'outbox'> {
  const { id, ...rest } = report;
  const fields: Record<string, unknown> = { _id: id };
  for (const field of REPORT_FIELDS) {
    if (rest[field] !== undefined) fields[field] = rest[field];
  }
  return fields as Omit<ReportDoc, 'pendingJournal' | 'outbox'>;
}

/**
 * $set and $unset that turn the stored `current` into `next`: only the fields that differ (the
 * write is guarded by the version, so `current` is exactly what is stored).
 */
export function reportUpdate(current: Report, next: Report): { $set: Record<string, unknown>; $unset: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const field of REPORT_FIELDS) {
    const value = next[field];
    if (canonicalJson(value) === canonicalJson(current[field])) continue;
    if (value !== undefined) $set[field] = value;
    else if ((OPTIONAL_REPORT_FIELDS as readonly string[]).includes(field)) $unset[field] = '';
  }
  return { $set, $unset };
}

/** The key of the journal draft written with the change that produced `version`. */
export function draftKey(reportId: string, version: number): string {
  return `${reportId}@${version}`;
}

/**
 * A superseded version of a report, kept whole. `_id` is `<reportId>@<version>`; the access fields
 * sit at the top level so the compiled AccessCondition filters versions like reports.
 */
export interface ReportVersionDoc {
  _id: string;
  reportId: string;
  version: number;
  status: Report['status'];
  gradering: Report['gradering'];
  compartments: string[];
  title: string;
  updatedAt: string;
  doc: Report;
}

const reportVersionSchema = new Schema<ReportVersionDoc>(
  {
    _id: { type: String, required: true },
    reportId: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    status: { type: String, enum: REPORT_STATUSES, required: true },
    gradering: { type: String, enum: GRADERINGER, required: true },
    compartments: { type: [String], default: [] },
    title: { type: String, required: true },
    updatedAt: { type: String, required: true },
    doc: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);
reportVersionSchema.index({ reportId: 1, version: 1 }, { name: 'reportId_version', unique: true });

/** The superseded versions model on `connection`. */
export function reportVersionModel(connection: Connection): Model<ReportVersionDoc> {
  return (
    (connection.models['report_versions'] as Model<ReportVersionDoc> | undefined) ??
    connection.model<ReportVersionDoc>('report_versions', reportVersionSchema, 'report_versions')
  );
}

/** The version document that keeps `report` as it is. */
export function versionDoc(report: Report): ReportVersionDoc {
  return {
    _id: draftKey(report.id, report.version),
    reportId: report.id,
    version: report.version,
    status: report.status,
    gradering: report.gradering,
    compartments: report.compartments,
    title: report.title,
    updatedAt: report.updatedAt,
    doc: report,
  };
}
