import type { Partner, User } from '@mottak/domain';

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** Users, their sessions and partner API keys. Secrets are stored only as hashes. */
export interface IdentityStore {
  /** Throws USER_EXISTS if the username is taken. */
  createUser(user: User, passwordHash: string): Promise<void>;
  findUserByUsername(username: string): Promise<{ user: User; passwordHash: string } | undefined>;
  getUser(id: string): Promise<User | undefined>;
  listUsers(): Promise<User[]>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  createPartner(partner: Partner, apiKeyHash: string): Promise<void>;
  findPartnerByApiKeyHash(apiKeyHash: string): Promise<Partner | undefined>;
  close(): Promise<void>;
}

/** Password hashing (argon2id in every profile). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
