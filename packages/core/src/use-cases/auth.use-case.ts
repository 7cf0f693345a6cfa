import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type NewUser, type Partner, type User, type UserChange } from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';

/** Secrets are stored as SHA-256 of a 256-bit random token: enough, since the token is not guessable. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
}

/** Failed logins in a row that lock an account, and for how long: slows guessing to a crawl. */
export const LOGIN_LOCKOUT_THRESHOLD = 5;
export const LOGIN_LOCKOUT_MS = 15 * 60_000;

/**
 * Checks a username and password (argon2id) and opens a session. Wrong username, wrong password and
 * a locked account give the same error (no account enumeration), and all are audited. After
 * LOGIN_LOCKOUT_THRESHOLD failures in a row the account is locked for LOGIN_LOCKOUT_MS, whichever
 * API process counted them (the count lives in the identity store).
 */
export async function login(deps: CoreDeps, username: string, password: string, client: string): Promise<LoginResult> {
  const found = await deps.identity.findUserByUsername(username);
  const at = deps.clock.now();
  const lockedUntil = found ? await deps.identity.loginLockedUntil(found.user.id) : undefined;
  const locked = lockedUntil !== undefined && lockedUntil > at.toISOString();
  // The password is verified even when locked, so a lock cannot be told apart by response time.
  const passwordOk = found !== undefined && (await deps.hasher.verify(found.passwordHash, password));
  const ok = found !== undefined && !found.user.disabled && !locked && passwordOk;
  let lockedNow = false;
  if (found && !ok && !locked) {
    const failures = await deps.identity.recordLoginFailure(found.user.id);
    if (failures >= LOGIN_LOCKOUT_THRESHOLD) {
      await deps.identity.setLoginLock(found.user.id, new Date(at.getTime() + LOGIN_LOCKOUT_MS).toISOString());
      lockedNow = true;
    }
  } else if (found && ok) {
    // A success ends the run of failures.
    await deps.identity.setLoginLock(found.user.id, undefined);
  }
  await deps.audit.append({
    at: at.toISOString(),
    actor: ok && found ? actorName({ kind: 'user', user: found.user }) : 'anonymous',
    action: ok ? 'login.succeeded' : locked ? 'login.refused_locked' : 'login.failed',
    details: { username, client, ...(lockedNow ? { locked: true, lockedForMinutes: LOGIN_LOCKOUT_MS / 60_000 } : {}) },
  });
  if (!ok || !found) throw new DomainError('UNAUTHENTICATED', 'Feil brukernavn eller passord');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(at.getTime() + deps.sessionTtlMs).toISOString();
  await deps.identity.createSession({ tokenHash: hashToken(token), userId: found.user.id, createdAt: at.toISOString(), expiresAt });
  return { token, expiresAt, user: found.user };
}

/** Ends every session of a user at once (admins): for a lost laptop, a leaver, or a suspicion. */
export async function revokeSessions(deps: CoreDeps, by: User, username: string): Promise<number> {
  if (!defineAbilityFor(by).can('manage', 'User')) throw new DomainError('FORBIDDEN', 'Bare administratorer kan avslutte andres økter');
  const found = await deps.identity.findUserByUsername(username);
  if (!found) throw new DomainError('NOT_FOUND', 'Brukeren finnes ikke');
  const ended = await deps.identity.deleteSessionsOfUser(found.user.id);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user: by }),
    action: 'sessions.revoked',
    subjectId: found.user.id,
    details: { username, sessions: ended },
  });
  return ended;
}

/** The user behind a session token, if the session exists, has not expired and the user is active. */
export async function authenticateSession(deps: CoreDeps, token: string): Promise<User | undefined> {
  const session = await deps.identity.findSession(hashToken(token));
  if (!session || session.expiresAt <= deps.clock.now().toISOString()) return undefined;
  const user = await deps.identity.getUser(session.userId);
  return user && !user.disabled ? user : undefined;
}

/** Ends a session (logout). */
export async function logout(deps: CoreDeps, token: string, user: User): Promise<void> {
  await deps.identity.deleteSession(hashToken(token));
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'logout',
    details: {},
  });
}

/** The partner owning an API key, if any. */
export async function authenticatePartner(deps: CoreDeps, apiKey: string): Promise<Partner | undefined> {
  return deps.identity.findPartnerByApiKeyHash(hashToken(apiKey));
}

/** Creates a user (admins only, or the system when `by` is undefined, e.g. the CLI and demo seed). */
export async function createUser(deps: CoreDeps, by: User | undefined, input: NewUser): Promise<User> {
  if (by && !defineAbilityFor(by).can('manage', 'User')) {
    throw new DomainError('FORBIDDEN', 'Bare administratorer kan opprette brukere');
  }
  const user: User = {
    id: deps.ids.newId(),
    username: input.username,
    displayName: input.displayName,
    roles: [...new Set(input.roles)],
    klarering: input.klarering,
    unit: input.unit,
    compartments: [...new Set(input.compartments)].sort(),
    needs: [...new Set(input.needs)].sort(),
    disabled: false,
  };
  await deps.identity.createUser(user, await deps.hasher.hash(input.password));
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: by ? actorName({ kind: 'user', user: by }) : 'system',
    action: 'user.created',
    subjectId: user.id,
    details: { username: user.username, roles: user.roles, klarering: user.klarering, compartments: user.compartments },
  });
  return user;
}

/** Creates a partner with a fresh API key; the key is returned once and stored only as a hash. */
export async function createPartner(deps: CoreDeps, name: string, apiKey?: string): Promise<{ partner: Partner; apiKey: string }> {
  const key = apiKey ?? `mk_${randomBytes(24).toString('base64url')}`;
  const partner: Partner = { id: deps.ids.newId(), name };
  await deps.identity.createPartner(partner, hashToken(key));
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: 'system',
    action: 'partner.created',
    subjectId: partner.id,
    details: { name },
  });
  return { partner, apiKey: key };
}

/** Lists users, for administrators. */
/**
 * Changes a user's name, roles, klarering, unit, compartments, needs or disabled flag (admin).
 * Rights change at the user's next request (sessions look the user up every time); disabling also
 * ends their sessions. An administrator cannot disable themself or take away their own admin role
 * (someone must be left to undo it). Audited with every field's old and new value.
 */
export async function updateUser(deps: CoreDeps, by: User, username: string, change: UserChange): Promise<User> {
  if (!defineAbilityFor(by).can('manage', 'User')) throw new DomainError('FORBIDDEN', 'Bare administratorer kan endre brukere');
  const found = await deps.identity.findUserByUsername(username);
  if (!found) throw new DomainError('NOT_FOUND', 'Brukeren finnes ikke');
  const before = found.user;
  if (before.id === by.id && (change.disabled === true || (change.roles && !change.roles.includes('admin')))) {
    throw new DomainError('VALIDATION_FAILED', 'Du kan ikke sperre deg selv eller ta fra deg selv administratorrollen', { field: change.disabled ? 'disabled' : 'roles' });
  }
  const after: User = {
    ...before,
    ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
    ...(change.roles ? { roles: [...new Set(change.roles)] } : {}),
    ...(change.klarering ? { klarering: change.klarering } : {}),
    ...(change.unit !== undefined ? { unit: change.unit } : {}),
    ...(change.compartments ? { compartments: [...new Set(change.compartments)].sort() } : {}),
    ...(change.needs ? { needs: [...new Set(change.needs)].sort() } : {}),
    ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
  };
  await deps.identity.updateUser(after);
  const changes = (['displayName', 'roles', 'klarering', 'unit', 'compartments', 'needs', 'disabled'] as const)
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
  const ended = after.disabled && !before.disabled ? await deps.identity.deleteSessionsOfUser(after.id) : 0;
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user: by }),
    action: 'user.updated',
    subjectId: after.id,
    details: { username: after.username, changes, ...(ended > 0 ? { sessionsEnded: ended } : {}) },
  });
  return after;
}

export async function listUsers(deps: CoreDeps, by: User): Promise<User[]> {
  if (!defineAbilityFor(by).can('manage', 'User')) throw new DomainError('FORBIDDEN', 'Bare administratorer kan se brukere');
  return deps.identity.listUsers();
}
