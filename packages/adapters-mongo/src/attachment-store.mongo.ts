import { createHash, randomUUID } from 'node:crypto';
import type { AttachmentStore, StoredContent, StoredExtraction } from '@mottak/core';
import { type Connection, type Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './mongo-connection';

/** Content is split into chunks of this size: a document holds at most 16 MiB. */
export const ATTACHMENT_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * One stored content: its digest (`_id`), the reports that refer to it, which chunk generation
 * holds its bytes, and the extraction result. Written only after every chunk is, so a blob that
 * exists is complete. References live in the document itself so that adding one and deleting the
 * blob when none is left are each a single atomic operation (no transactions needed).
 */
interface BlobDoc {
  _id: string;
  size: number;
  chunks: number;
  generation: string;
  refs: string[];
  storedAt: string;
  extraction?: StoredExtraction;
}

interface ChunkDoc {
  _id: string;
  sha256: string;
  generation: string;
  n: number;
  data: Buffer;
}

const blobSchema = new Schema<BlobDoc>(
  {
    _id: { type: String, required: true },
    size: { type: Number, required: true, min: 0 },
    chunks: { type: Number, required: true, min: 0 },
    generation: { type: String, required: true },
    refs: { type: [String], default: [] },
    storedAt: { type: String, required: true },
    extraction: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);
blobSchema.index({ refs: 1 }, { name: 'refs' });

const chunkSchema = new Schema<ChunkDoc>(
  {
    _id: { type: String, required: true },
    sha256: { type: String, required: true },
    generation: { type: String, required: true },
    n: { type: Number, required: true, min: 0 },
    data: { type: Buffer, required: true },
  },
  { versionKey: false, strict: 'throw', id: false },
);
chunkSchema.index({ sha256: 1, generation: 1, n: 1 }, { name: 'sha256_generation_n' });

function asBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  const bytes = (data as { buffer?: Uint8Array }).buffer;
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.alloc(0);
}

/**
 * AttachmentStore on MongoDB: content in 4 MiB chunks (`attachment_chunks`), one blob document
 * per digest (`attachment_blobs`) naming the chunk generation and the reports that refer to it.
 * Put adds the report to an existing blob with one `$addToSet`; if there is none, it writes the
 * chunks under a fresh generation and then inserts the blob (losing a race to another writer, it
 * joins theirs and removes its own chunks). Release pulls the report and deletes a blob only while
 * its reference list is empty, in one operation, then the chunks of exactly that generation.
 */
export class MongoAttachmentStore implements AttachmentStore {
  private readonly blobs: Model<BlobDoc>;
  private readonly chunks: Model<ChunkDoc>;

  constructor(private readonly connection: Connection) {
    this.blobs = (connection.models['attachment_blobs'] as Model<BlobDoc> | undefined) ?? connection.model<BlobDoc>('attachment_blobs', blobSchema, 'attachment_blobs');
    this.chunks = (connection.models['attachment_chunks'] as Model<ChunkDoc> | undefined) ?? connection.model<ChunkDoc>('attachment_chunks', chunkSchema, 'attachment_chunks');
  }

  async open(): Promise<this> {
    await this.blobs.createIndexes();
    await this.chunks.createIndexes();
    return this;
  }

  private async addReference(sha256: string, reportId: string): Promise<boolean> {
    const result = await this.blobs.updateOne({ _id: sha256 }, { $addToSet: { refs: reportId } });
    return result.matchedCount === 1;
  }

  async put(reportId: string, content: Uint8Array): Promise<StoredContent> {
    const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await this.addReference(sha256, reportId)) return { sha256, size: buffer.length, created: false };
      const generation = randomUUID();
      const count = Math.ceil(buffer.length / ATTACHMENT_CHUNK_BYTES);
      for (let n = 0; n < count; n += 1) {
        const data = buffer.subarray(n * ATTACHMENT_CHUNK_BYTES, (n + 1) * ATTACHMENT_CHUNK_BYTES);
        await this.chunks.create({ _id: `${sha256}:${generation}:${n}`, sha256, generation, n, data });
      }
      try {
        await this.blobs.create({ _id: sha256, size: buffer.length, chunks: count, generation, refs: [reportId], storedAt: new Date().toISOString() });
        return { sha256, size: buffer.length, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Another writer stored the same bytes first: use theirs, drop ours.
        await this.chunks.deleteMany({ sha256, generation });
      }
    }
    throw new Error(`attachment ${sha256} could not be stored: it kept being released while being stored`);
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const blob = await this.blobs.findById(sha256, { size: 1, chunks: 1, generation: 1 }).lean<Pick<BlobDoc, 'size' | 'chunks' | 'generation'>>();
    if (!blob) return undefined;
    const chunks = await this.chunks.find({ sha256, generation: blob.generation }).sort({ n: 1 }).lean<ChunkDoc[]>();
    // Released meanwhile (the chunks go after the blob): as missing.
    if (chunks.length !== blob.chunks) return undefined;
    const content = Buffer.concat(chunks.map((chunk) => asBuffer(chunk.data)));
    return content.length === blob.size ? content : undefined;
  }

  async getExtraction(sha256: string): Promise<StoredExtraction | undefined> {
    const blob = await this.blobs.findById(sha256, { extraction: 1 }).lean<Pick<BlobDoc, 'extraction'>>();
    return blob?.extraction ?? undefined;
  }

  async saveExtraction(sha256: string, extraction: StoredExtraction): Promise<void> {
    await this.blobs.updateOne({ _id: sha256 }, { $set: { extraction } });
  }

  async listFor(reportId: string): Promise<string[]> {
    const blobs = await this.blobs.find({ refs: reportId }, { _id: 1 }).lean<Array<Pick<BlobDoc, '_id'>>>();
    return blobs.map((blob) => blob._id);
  }

  async release(reportId: string): Promise<{ deleted: string[] }> {
    const deleted: string[] = [];
    for (const sha256 of await this.listFor(reportId)) {
      await this.blobs.updateOne({ _id: sha256 }, { $pull: { refs: reportId } });
      const gone = await this.blobs.findOneAndDelete({ _id: sha256, refs: { $size: 0 } }, { projection: { generation: 1 } }).lean<Pick<BlobDoc, 'generation'>>();
      if (!gone) continue;
      await this.chunks.deleteMany({ sha256, generation: gone.generation });
      deleted.push(sha256);
    }
    return { deleted };
  }

  /** The connection is shared with the other adapters; it is closed with them. */
  async close(): Promise<void> {}
}

/** An attachment store on an open connection, its indexes ensured. */
export async function openMongoAttachmentStore(connection: Connection): Promise<MongoAttachmentStore> {
  return new MongoAttachmentStore(connection).open();
}
