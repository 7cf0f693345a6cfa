import type { ApprovalDecision, ApprovalListQuery, ApprovalStore } from '@mottak/core';
import { APPROVAL_KINDS, APPROVAL_STATUSES, type ApprovalRequest, DomainError } from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';
import { connectMongo, type ConnectMongoOptions } from './mongo-connection';

interface ApprovalDoc extends Omit<ApprovalRequest, 'id'> {
  _id: string;
}

const approvalSchema = new Schema<ApprovalDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: APPROVAL_KINDS, required: true },
    reportId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    requestedAt: { type: String, required: true },
    reason: { type: String, required: true },
    grantee: { type: String },
    grantHours: { type: Number },
    change: { type: Schema.Types.Mixed },
    status: { type: String, enum: APPROVAL_STATUSES, required: true },
    decidedBy: { type: String },
    decidedAt: { type: String },
    decisionNote: { type: String },
    expiresAt: { type: String },
  },
  { versionKey: false, strict: 'throw', id: false, minimize: false },
);
approvalSchema.index({ status: 1, requestedAt: -1 }, { name: 'status_requestedAt' });
approvalSchema.index({ grantee: 1, kind: 1, status: 1, expiresAt: 1 }, { name: 'active_grants' });
approvalSchema.index({ reportId: 1 }, { name: 'reportId' });

/** ApprovalStore on MongoDB; a decision is one conditional findOneAndUpdate on `status: venter`, so one of two racing approvers wins. */
export class MongoApprovalStore implements ApprovalStore {
  private readonly approvals: Model<ApprovalDoc>;

  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.approvals =
      (connection.models.approvals as Model<ApprovalDoc> | undefined) ?? connection.model<ApprovalDoc>('approvals', approvalSchema, 'approvals');
  }

  /** Creates the collection's indexes (idempotent). */
  async open(): Promise<this> {
    await this.approvals.createIndexes();
    return this;
  }

  async create(request: ApprovalRequest): Promise<void> {
    const { id, ...fields } = request;
    await this.approvals.create({ _id: id, ...fields });
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const doc = await this.approvals.findById(id).lean<ApprovalDoc>();
    return doc ? toRequest(doc) : undefined;
  }

  async list(query: ApprovalListQuery): Promise<ApprovalRequest[]> {
    const filter: Record<string, string> = {};
    if (query.status) filter.status = query.status;
    if (query.kind) filter.kind = query.kind;
    if (query.requestedBy) filter.requestedBy = query.requestedBy;
    if (query.reportId) filter.reportId = query.reportId;
    const docs = await this.approvals.find(filter).sort({ requestedAt: -1, _id: -1 }).limit(query.limit).lean<ApprovalDoc[]>();
    return docs.map(toRequest);
  }

  async decide(id: string, decision: ApprovalDecision): Promise<ApprovalRequest> {
    const set = Object.fromEntries(Object.entries(decision).filter(([, v]) => v !== undefined));
    const doc = await this.approvals.findOneAndUpdate({ _id: id, status: 'venter' }, { $set: set }, { new: true }).lean<ApprovalDoc>();
    if (doc) return toRequest(doc);
    const existing = await this.approvals.findById(id, { status: 1 }).lean<Pick<ApprovalDoc, 'status'>>();
    if (!existing) throw new DomainError('NOT_FOUND', 'Forespørselen finnes ikke');
    throw new DomainError('APPROVAL_ALREADY_DECIDED', 'Forespørselen er allerede avgjort', { status: existing.status });
  }

  async activeGrantReportIds(grantee: string, now: string): Promise<string[]> {
    const ids = await this.approvals.distinct('reportId', { grantee, kind: 'tilgang', status: 'godkjent', expiresAt: { $gt: now } });
    return ids.map(String);
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

function toRequest(doc: ApprovalDoc): ApprovalRequest {
  const { _id, ...fields } = doc;
  return { id: _id, ...fields };
}

/** Connects to `url` (or uses an open connection) and prepares the collection; the store owns a connection it opened. */
export async function openMongoApprovalStore(target: Connection | string, options: { connect?: ConnectMongoOptions } = {}): Promise<MongoApprovalStore> {
  const owns = typeof target === 'string';
  const connection = typeof target === 'string' ? await connectMongo(target, options.connect) : target;
  const store = new MongoApprovalStore(connection, owns);
  try {
    return await store.open();
  } catch (error) {
    await store.close();
    throw error;
  }
}
