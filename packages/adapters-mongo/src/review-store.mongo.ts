import type { ReviewSampleSummary, ReviewStore } from '@mottak/core';
import { DomainError, REVIEW_STRATA, type ReviewItem, type ReviewSample, type ReviewStratum, type ReviewVerdict } from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';
import { connectMongo, type ConnectMongoOptions } from './mongo-connection';

interface ReviewSampleDoc extends Omit<ReviewSample, 'id'> {
  _id: string;
}

const reviewItemSchema = new Schema<ReviewItem>(
  {
    reportId: { type: String, required: true },
    journalNumber: { type: String, required: true },
    stratum: { type: String, required: true },
    registeredBy: { type: String, required: true },
    verdict: { type: Schema.Types.Mixed },
  },
  { _id: false, versionKey: false, strict: 'throw' },
);

const reviewStratumSchema = new Schema<ReviewStratum>(
  {
    stratum: { type: String, required: true },
    population: { type: Number, required: true },
    drawn: { type: Number, required: true },
  },
  { _id: false, versionKey: false, strict: 'throw' },
);

const reviewSampleSchema = new Schema<ReviewSampleDoc>(
  {
    _id: { type: String, required: true },
    drawnAt: { type: String, required: true },
    drawnBy: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    percentage: { type: Number, required: true },
    stratifyBy: { type: String, enum: REVIEW_STRATA, required: true },
    minPerStratum: { type: Number, required: true },
    population: { type: Number, required: true },
    strata: { type: [reviewStratumSchema], required: true },
    items: { type: [reviewItemSchema], required: true },
  },
  { versionKey: false, strict: 'throw', id: false, minimize: false },
);
reviewSampleSchema.index({ drawnAt: -1, _id: -1 }, { name: 'drawnAt' });

/**
 * ReviewStore on MongoDB: a sample and its items are one document, so recording a verdict is one
 * conditional update of the item (only while it has no verdict) — of two racing reviewers, one wins.
 */
export class MongoReviewStore implements ReviewStore {
  private readonly samples: Model<ReviewSampleDoc>;

  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.samples =
      (connection.models.review_samples as Model<ReviewSampleDoc> | undefined) ?? connection.model<ReviewSampleDoc>('review_samples', reviewSampleSchema, 'review_samples');
  }

  /** Creates the collection's indexes (idempotent). */
  async open(): Promise<this> {
    await this.samples.createIndexes();
    return this;
  }

  async create(sample: ReviewSample): Promise<void> {
    const { id, ...fields } = sample;
    await this.samples.create({ _id: id, ...fields });
  }

  async list(limit: number): Promise<ReviewSampleSummary[]> {
    const docs = await this.samples.find().sort({ drawnAt: -1, _id: -1 }).limit(limit).lean<ReviewSampleDoc[]>();
    return docs.map((doc) => {
      const { items, ...sample } = toSample(doc);
      return {
        ...sample,
        items: items.length,
        decided: items.filter((i) => i.verdict).length,
        deviations: items.filter((i) => i.verdict?.verdict === 'avvik').length,
      };
    });
  }

  async get(id: string): Promise<ReviewSample | undefined> {
    const doc = await this.samples.findById(id).lean<ReviewSampleDoc>();
    return doc ? toSample(doc) : undefined;
  }

  async recordVerdict(sampleId: string, reportId: string, verdict: ReviewVerdict): Promise<ReviewItem> {
    // Items never move once drawn, so the item's position names it; the update matches only while
    // that item has no verdict (one document, one conditional write: of two racing reviewers, one wins).
    const current = await this.samples.findById(sampleId, { items: 1 }).lean<Pick<ReviewSampleDoc, 'items'>>();
    const position = current?.items.findIndex((i) => i.reportId === reportId) ?? -1;
    if (!current || position < 0) throw new DomainError('NOT_FOUND', 'Rapporten finnes ikke i stikkprøven');
    const path = `items.${position}`;
    const updated = await this.samples
      .findOneAndUpdate({ _id: sampleId, [`${path}.reportId`]: reportId, [`${path}.verdict`]: null }, { $set: { [`${path}.verdict`]: verdict } }, { new: true })
      .lean<ReviewSampleDoc>();
    if (!updated) {
      const decided = (await this.samples.findById(sampleId, { items: 1 }).lean<Pick<ReviewSampleDoc, 'items'>>())?.items[position];
      throw new DomainError('REVIEW_ALREADY_DECIDED', 'Rapporten er allerede kontrollert', { item: decided });
    }
    return updated.items[position] as ReviewItem;
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

function toSample(doc: ReviewSampleDoc): ReviewSample {
  const { _id, ...fields } = doc;
  return { id: _id, ...fields, items: fields.items.map((item) => ({ ...item })) };
}

/** Connects to `url` (or uses an open connection) and prepares the collection; the store owns a connection it opened. */
export async function openMongoReviewStore(target: Connection | string, options: { connect?: ConnectMongoOptions } = {}): Promise<MongoReviewStore> {
  const owns = typeof target === 'string';
  const connection = typeof target === 'string' ? await connectMongo(target, options.connect) : target;
  const store = new MongoReviewStore(connection, owns);
  try {
    return await store.open();
  } catch (error) {
    await store.close();
    throw error;
  }
}
