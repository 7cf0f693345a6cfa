import type { IdentityStore, SessionRecord } from '@mottak/core';
import { DomainError, GRADERINGER, NEEDS, type Partner, ROLES, type User } from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';
import { connectMongo, type ConnectMongoOptions, isDuplicateKeyError } from './mongo-connection';

interface UserDoc extends Omit<User, 'id'> {
  _id: string;
  passwordHash: string;
  failedLogins?: number;
  lockedUntil?: string | null;
}

interface SessionDoc extends Omit<SessionRecord, 'tokenHash'> {
  _id: string;
}

interface PartnerDoc extends Omit<Partner, 'id'> {
  _id: string;
  apiKeyHash: string;
}

const USERNAME_INDEX = 'username_unique';

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    klarering: { type: String, enum: GRADERINGER, required: true },
    unit: { type: String, required: true },
    compartments: { type: [String], default: [] },
    needs: { type: [{ type: String, enum: NEEDS }], default: [] },
    disabled: { type: Boolean, required: true },
    passwordHash: { type: String, required: true },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: { type: String, default: null },
  },
  { versionKey: false, strict: 'throw', id: false },
);
userSchema.index({ username: 1 }, { name: USERNAME_INDEX, unique: true });

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: String, required: true },
    expiresAt: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw', id: false },
);
sessionSchema.index({ userId: 1 }, { name: 'userId' });

const partnerSchema = new Schema<PartnerDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    apiKeyHash: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw', id: false },
);
partnerSchema.index({ apiKeyHash: 1 }, { name: 'apiKeyHash_unique', unique: true });

function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, name);
}

/** IdentityStore on MongoDB: users, sessions and partners; passwords, tokens and API keys only as hashes. */
export class MongoIdentityStore implements IdentityStore {
  private readonly users: Model<UserDoc>;
  private readonly sessions: Model<SessionDoc>;
  private readonly partners: Model<PartnerDoc>;

  /** Takes an open connection; `close` closes it only if `ownsConnection`. Call `open()` (or use openMongoIdentityStore) before use. */
  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.users = modelOn(connection, 'users', userSchema);
    this.sessions = modelOn(connection, 'sessions', sessionSchema);
    this.partners = modelOn(connection, 'partners', partnerSchema);
  }

  /** Creates the collections and indexes (idempotent). */
  async open(): Promise<this> {
    await this.users.createIndexes();
    await this.sessions.createIndexes();
    await this.partners.createIndexes();
    return this;
  }

  /** Throws USER_EXISTS if the username is taken (a unique index decides, also between processes). */
  async createUser(user: User, passwordHash: string): Promise<void> {
    const { id, ...fields } = user;
    try {
      await this.users.create({ _id: id, ...fields, passwordHash, failedLogins: 0, lockedUntil: null });
    } catch (error) {
      if (isDuplicateKeyError(error, USERNAME_INDEX)) {
        throw new DomainError('USER_EXISTS', `Brukernavnet «${user.username}» er allerede i bruk`, { field: 'username' });
      }
      throw error;
    }
  }

  async findUserByUsername(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const doc = await this.users.findOne({ username }).lean<UserDoc>();
    return doc ? { user: toUser(doc), passwordHash: doc.passwordHash } : undefined;
  }

  async getUser(id: string): Promise<User | undefined> {
    const doc = await this.users.findById(id).lean<UserDoc>();
    return doc ? toUser(doc) : undefined;
  }

  async updateUser(user: User): Promise<void> {
    const { id, username: _username, ...fields } = user;
    const result = await this.users.updateOne({ _id: id }, { $set: fields });
    if (result.matchedCount === 0) throw new DomainError('NOT_FOUND', 'Brukeren finnes ikke');
  }

  /** All users, by username. */
  async listUsers(): Promise<User[]> {
    const docs = await this.users.find().sort({ username: 1 }).lean<UserDoc[]>();
    return docs.map(toUser);
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.sessions.create({ _id: session.tokenHash, userId: session.userId, createdAt: session.createdAt, expiresAt: session.expiresAt });
  }

  /** The session as stored, expired or not: the caller compares `expiresAt` with its clock. */
  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const doc = await this.sessions.findById(tokenHash).lean<SessionDoc>();
    return doc ? { tokenHash: doc._id, userId: doc.userId, createdAt: doc.createdAt, expiresAt: doc.expiresAt } : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sessions.deleteOne({ _id: tokenHash });
  }

  async deleteSessionsOfUser(userId: string): Promise<number> {
    const result = await this.sessions.deleteMany({ userId });
    return result.deletedCount;
  }

  /** One atomic $inc: concurrent failures from many API processes all count. */
  async recordLoginFailure(userId: string): Promise<number> {
    const doc = await this.users
      .findOneAndUpdate({ _id: userId }, { $inc: { failedLogins: 1 } }, { new: true, projection: { failedLogins: 1 } })
      .lean<Pick<UserDoc, 'failedLogins'>>();
    return doc?.failedLogins ?? 0;
  }

  async setLoginLock(userId: string, lockedUntil: string | undefined): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { failedLogins: 0, lockedUntil: lockedUntil ?? null } });
  }

  async loginLockedUntil(userId: string): Promise<string | undefined> {
    const doc = await this.users.findById(userId, { lockedUntil: 1 }).lean<Pick<UserDoc, 'lockedUntil'>>();
    return doc?.lockedUntil ?? undefined;
  }

  async createPartner(partner: Partner, apiKeyHash: string): Promise<void> {
    await this.partners.create({ _id: partner.id, name: partner.name, apiKeyHash });
  }

  async findPartnerByApiKeyHash(apiKeyHash: string): Promise<Partner | undefined> {
    const doc = await this.partners.findOne({ apiKeyHash }).lean<PartnerDoc>();
    return doc ? { id: doc._id, name: doc.name } : undefined;
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

/** Connects to `url` (or uses an open connection) and prepares the collections; the store owns a connection it opened. */
export async function openMongoIdentityStore(
  target: Connection | string,
  options: { connect?: ConnectMongoOptions } = {},
): Promise<MongoIdentityStore> {
  const owns = typeof target === 'string';
  const connection = typeof target === 'string' ? await connectMongo(target, options.connect) : target;
  const store = new MongoIdentityStore(connection, owns);
  try {
    return await store.open();
  } catch (error) {
    await store.close();
    throw error;
  }
}

function toUser(doc: UserDoc): User {
  return {
    id: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    roles: doc.roles,
    klarering: doc.klarering,
    unit: doc.unit,
    compartments: doc.compartments,
    needs: doc.needs ?? [],
    disabled: doc.disabled,
  };
}
