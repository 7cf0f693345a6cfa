import type { IdentityStore, SessionRecord } from '@mottak/core';
import { DomainError, type Partner, type User } from '@mottak/domain';
import { isSqliteConstraintError, migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const IDENTITY_STORE_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'identity-store/001-initial',
    statements: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL CHECK (json_type(roles) = 'array'),
        klarering TEXT NOT NULL,
        unit TEXT NOT NULL,
        compartments TEXT NOT NULL CHECK (json_type(compartments) = 'array'),
        disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
        password_hash TEXT NOT NULL
      )`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      'CREATE INDEX sessions_user ON sessions (user_id)',
      `CREATE TABLE partners (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        api_key_hash TEXT NOT NULL UNIQUE
      )`,
    ],
  },
  {
    // Needs (tjenstlig behov) and login lockout arrived after the first release: added, never rebuilt.
    name: 'identity-store/002-needs-and-lockout',
    statements: [
      `ALTER TABLE users ADD COLUMN needs TEXT NOT NULL DEFAULT '[]' CHECK (json_type(needs) = 'array')`,
      'ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE users ADD COLUMN locked_until TEXT',
    ],
  },
];

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  klarering: string;
  unit: string;
  compartments: string;
  needs: string;
  disabled: number;
  password_hash: string;
}

/** IdentityStore on SQLite: users, sessions and partners; passwords, tokens and API keys only as hashes. */
export class SqliteIdentityStore implements IdentityStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly statements;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of IDENTITY_STORE_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    const db = this.db;
    this.statements = {
      insertUser: db.prepare<[UserRow]>(
        `INSERT INTO users (id, username, display_name, roles, klarering, unit, compartments, needs, disabled, password_hash)
         VALUES (@id, @username, @display_name, @roles, @klarering, @unit, @compartments, @needs, @disabled, @password_hash)`,
      ),
      userByUsername: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      allUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username'),
      updateUser: db.prepare<[Omit<UserRow, 'username' | 'password_hash'>]>(
        `UPDATE users SET display_name = @display_name, roles = @roles, klarering = @klarering, unit = @unit,
           compartments = @compartments, needs = @needs, disabled = @disabled WHERE id = @id`,
      ),
      insertSession: db.prepare<[SessionRecord]>(
        `INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
         VALUES (@tokenHash, @userId, @createdAt, @expiresAt)`,
      ),
      session: db.prepare<[string], SessionRecord>(
        `SELECT token_hash AS tokenHash, user_id AS userId, created_at AS createdAt, expires_at AS expiresAt
         FROM sessions WHERE token_hash = ?`,
      ),
      deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
      deleteSessionsOfUser: db.prepare<[string]>('DELETE FROM sessions WHERE user_id = ?'),
      recordLoginFailure: db.prepare<[string], { failed_logins: number }>(
        'UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins',
      ),
      setLoginLock: db.prepare<[string | null, string]>('UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?'),
      lockedUntil: db.prepare<[string], { locked_until: string | null }>('SELECT locked_until FROM users WHERE id = ?'),
      insertPartner: db.prepare<[string, string, string]>('INSERT INTO partners (id, name, api_key_hash) VALUES (?, ?, ?)'),
      partnerByKey: db.prepare<[string], Partner>('SELECT id, name FROM partners WHERE api_key_hash = ?'),
    };
  }

  /** Throws USER_EXISTS if the username is taken. */
  async createUser(user: User, passwordHash: string): Promise<void> {
    try {
      this.statements.insertUser.run({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        roles: JSON.stringify(user.roles),
        klarering: user.klarering,
        unit: user.unit,
        compartments: JSON.stringify(user.compartments),
        needs: JSON.stringify(user.needs),
        disabled: user.disabled ? 1 : 0,
        password_hash: passwordHash,
      });
    } catch (error) {
      if (isSqliteConstraintError(error, 'SQLITE_CONSTRAINT_UNIQUE', 'users.username')) {
        throw new DomainError('USER_EXISTS', `Brukernavnet «${user.username}» er allerede i bruk`, { field: 'username' });
      }
      throw error;
    }
  }

  async findUserByUsername(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = this.statements.userByUsername.get(username);
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async getUser(id: string): Promise<User | undefined> {
    const row = this.statements.userById.get(id);
    return row ? toUser(row) : undefined;
  }

  async updateUser(user: User): Promise<void> {
    const changed = this.statements.updateUser.run({
      id: user.id,
      display_name: user.displayName,
      roles: JSON.stringify(user.roles),
      klarering: user.klarering,
      unit: user.unit,
      compartments: JSON.stringify(user.compartments),
      needs: JSON.stringify(user.needs),
      disabled: user.disabled ? 1 : 0,
    }).changes;
    if (changed === 0) throw new DomainError('NOT_FOUND', 'Brukeren finnes ikke');
  }

  /** All users, by username. */
  async listUsers(): Promise<User[]> {
    return this.statements.allUsers.all().map(toUser);
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.statements.insertSession.run({
      tokenHash: session.tokenHash,
      userId: session.userId,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
    });
  }

  /** The session as stored, expired or not: the caller compares `expiresAt` with its clock. */
  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.statements.session.get(tokenHash);
    return row ? { ...row } : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.statements.deleteSession.run(tokenHash);
  }

  async deleteSessionsOfUser(userId: string): Promise<number> {
    return this.statements.deleteSessionsOfUser.run(userId).changes;
  }

  async recordLoginFailure(userId: string): Promise<number> {
    return this.statements.recordLoginFailure.get(userId)?.failed_logins ?? 0;
  }

  async setLoginLock(userId: string, lockedUntil: string | undefined): Promise<void> {
    this.statements.setLoginLock.run(lockedUntil ?? null, userId);
  }

  async loginLockedUntil(userId: string): Promise<string | undefined> {
    return this.statements.lockedUntil.get(userId)?.locked_until ?? undefined;
  }

  async createPartner(partner: Partner, apiKeyHash: string): Promise<void> {
    this.statements.insertPartner.run(partner.id, partner.name, apiKeyHash);
  }

  async findPartnerByApiKeyHash(apiKeyHash: string): Promise<Partner | undefined> {
    const row = this.statements.partnerByKey.get(apiKeyHash);
    return row ? { id: row.id, name: row.name } : undefined;
  }

  /** Closes the database if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

/** Opens (or creates) a SQLite file and returns an identity store that owns it. */
export function createSqliteIdentityStore(filePath: string): SqliteIdentityStore {
  return new SqliteIdentityStore(filePath);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as User['roles'],
    klarering: row.klarering as User['klarering'],
    unit: row.unit,
    compartments: JSON.parse(row.compartments) as string[],
    needs: JSON.parse(row.needs) as User['needs'],
    disabled: row.disabled === 1,
  };
}
