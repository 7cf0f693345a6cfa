import type { CaseStatusCommand, CaseStore, NewCaseCommand } from '@mottak/core';
import { type Case, type CaseEvent, type CaseStatus, CASE_STATUSES, DomainError, formatCaseNumber } from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './mongo-connection';
import { backoff, SerialQueue } from './serial-queue';

interface CaseDoc extends Omit<Case, 'id'> {
  _id: string;
  caseYear: number;
  caseSeq: number;
}

const CASE_NUMBER_INDEX = 'case_number_unique';
/** Attempts at taking the next case number when other processes keep taking it first. */
const MAX_NUMBER_ATTEMPTS = 200;

const caseEventSchema = new Schema<CaseEvent>(
  {
    at: { type: String, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true, enum: ['case.created', 'case.closed', 'case.reopened'] },
    reason: { type: String },
  },
  { _id: false, strict: 'throw' },
);

const caseDocSchema = new Schema<CaseDoc>(
  {
    _id: { type: String, required: true },
    caseNumber: { type: String, required: true },
    caseYear: { type: Number, required: true },
    caseSeq: { type: Number, required: true, min: 1, max: 999_999 },
    title: { type: String, required: true },
    status: { type: String, enum: CASE_STATUSES, required: true },
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    updatedAt: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    history: { type: [caseEventSchema], default: [] },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);
caseDocSchema.index({ caseYear: 1, caseSeq: 1 }, { name: CASE_NUMBER_INDEX, unique: true });
caseDocSchema.index({ createdAt: -1, _id: -1 }, { name: 'createdAt' });
caseDocSchema.index({ status: 1, createdAt: -1 }, { name: 'status_createdAt' });

function toCase(doc: CaseDoc): Case {
  return {
    id: doc._id,
    caseNumber: doc.caseNumber,
    title: doc.title,
    status: doc.status,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    updatedAt: doc.updatedAt,
    version: doc.version,
    history: doc.history.map((e) => ({ at: e.at, actor: e.actor, action: e.action, ...(e.reason !== undefined && e.reason !== null ? { reason: e.reason } : {}) })),
  };
}

/**
 * CaseStore on MongoDB without transactions: a case number is the year's highest plus one, taken
 * by inserting the case itself; the unique (year, seq) index refuses a number someone else took
 * meanwhile, and we try the next. A number exists only on the case that got it, so the sequence
 * has no gaps. A status change is one atomic update guarded by the version.
 */
export class MongoCaseStore implements CaseStore {
  private readonly cases: Model<CaseDoc>;
  /** Creations of this process take numbers one at a time, so they do not collide with each other. */
  private readonly numbering = new SerialQueue();

  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.cases = (connection.models['cases'] as Model<CaseDoc> | undefined) ?? connection.model<CaseDoc>('cases', caseDocSchema, 'cases');
  }

  /** Creates the collection's indexes (idempotent). */
  async open(): Promise<this> {
    await this.cases.createIndexes();
    return this;
  }

  async create(command: NewCaseCommand): Promise<Case> {
    return this.numbering.run(async () => {
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
        const top = await this.cases.findOne({ caseYear: command.year }, { caseSeq: 1 }).sort({ caseYear: -1, caseSeq: -1 }).lean<Pick<CaseDoc, 'caseSeq'>>();
        const sequence = (top?.caseSeq ?? 0) + 1;
        const doc: CaseDoc = {
          _id: command.id,
          caseNumber: formatCaseNumber(command.year, sequence),
          caseYear: command.year,
          caseSeq: sequence,
          title: command.title,
          status: 'open',
          createdAt: command.event.at,
          createdBy: command.event.actor,
          updatedAt: command.event.at,
          version: 1,
          history: [command.event],
        };
        try {
          await this.cases.create(doc);
          return toCase(doc);
        } catch (error) {
          if (!isDuplicateKeyError(error, CASE_NUMBER_INDEX)) throw error;
          await backoff(attempt);
        }
      }
      throw new DomainError('JOURNAL_NUMBER_CONFLICT', 'Fant ikke ledig saksnummer; prøv igjen', { year: command.year });
    });
  }

  async get(id: string): Promise<Case | undefined> {
    const doc = await this.cases.findById(id).lean<CaseDoc>();
    return doc ? toCase(doc) : undefined;
  }

  async list(query: { status?: CaseStatus; limit: number; offset: number }): Promise<{ total: number; items: Case[] }> {
    const filter = query.status ? { status: query.status } : {};
    const [total, docs] = await Promise.all([
      this.cases.countDocuments(filter),
      this.cases.find(filter).sort({ createdAt: -1, _id: -1 }).skip(query.offset).limit(query.limit).lean<CaseDoc[]>(),
    ]);
    return { total, items: docs.map(toCase) };
  }

  async setStatus(command: CaseStatusCommand): Promise<Case> {
    const written = await this.cases
      .findOneAndUpdate(
        { _id: command.id, version: command.expectedVersion },
        { $set: { status: command.status, updatedAt: command.event.at }, $inc: { version: 1 }, $push: { history: command.event } },
        { new: true, runValidators: true },
      )
      .lean<CaseDoc>();
    if (written) return toCase(written);
    const now = await this.cases.findById(command.id, { version: 1 }).lean<Pick<CaseDoc, 'version'>>();
    if (!now) throw new DomainError('NOT_FOUND', 'Saken finnes ikke');
    throw new DomainError('VERSION_CONFLICT', 'Saken er endret siden du åpnet den', { currentVersion: now.version });
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

/** A case store on an open connection, its indexes ensured. */
export async function openMongoCaseStore(connection: Connection): Promise<MongoCaseStore> {
  return new MongoCaseStore(connection).open();
}
