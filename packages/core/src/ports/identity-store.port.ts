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
  /** Replaces a user's name, rights and disabled flag (id, username and password stay); NOT_FOUND if missing. */
  updateUser(user: User): Promise<void>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a user (revocation: disabled account, password change, suspicion). Returns how many. */
  deleteSessionsOfUser(userId: string): Promise<number>;
  /** Counts one more failed login, atomically; returns the count since the last reset. */
  recordLoginFailure(userId: string): Promise<number>;
  /** Clears the failure count and sets (or lifts, with undefined) a lock until the given instant. */
  setLoginLock(userId: string, lockedUntil: string | undefined): Promise<void>;
  /** The instant a lock lifts, if the account is locked (expired locks may be returned; compare with the clock). */
  loginLockedUntil(userId: string): Promise<string | undefined>;
  createPartner(partner: Partner, apiKeyHash: string): Promise<void>;
  findPartnerByApiKeyHash(apiKeyHash: string): Promise<Partner | undefined>;
  close(): Promise<void>;
}

/** Password hashing (argon2id in every profile). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
