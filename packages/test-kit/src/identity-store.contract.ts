import type { IdentityStore } from '@mottak/core';
import { DomainError } from '@mottak/domain';
import { aSession, aUser } from './builders';

/** One identity store under test, on fresh, empty storage. */
export interface IdentityStoreFixture {
  store: IdentityStore;
  /** Opens another handle on the same storage (a restart, or a second process); cleanup closes it. */
  openAgain(): Promise<IdentityStore>;
  cleanup(): Promise<void>;
}

export type IdentityStoreFactory = () => Promise<IdentityStoreFixture>;

/** The behaviour every IdentityStore must show: users, sessions and partner keys round-trip; usernames are unique. */
export function describeIdentityStoreContract(name: string, makeStore: IdentityStoreFactory): void {
  describe(`IdentityStore contract: ${name}`, () => {
    let fixture: IdentityStoreFixture;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('finds a created user by username (with the password hash) and by id, across handles', async () => {
      const user = aUser({ roles: ['koordinator', 'fagansvarlig'], klarering: 'KONFIDENSIELT', compartments: ['alfa', 'beta'] });
      await fixture.store.createUser(user, '$argon2id$v=19$hash');
      expect(await fixture.store.findUserByUsername(user.username)).toEqual({ user, passwordHash: '$argon2id$v=19$hash' });
      const again = await fixture.openAgain();
      expect(await again.getUser(user.id)).toEqual(user);
    });

    it('updates a user\'s name and rights, keeping id, username and password; an unknown user is NOT_FOUND', async () => {
      const user = aUser({ roles: ['sokebruker'], klarering: 'BEGRENSET', compartments: [] });
      await fixture.store.createUser(user, 'hash-1');
      const changed = { ...user, displayName: 'Ny Navn', roles: ['koordinator' as const], klarering: 'HEMMELIG' as const, unit: 'FRS', compartments: ['alfa'], needs: ['personopplysninger' as const], disabled: true };
      await fixture.store.updateUser(changed);
      const again = await fixture.openAgain();
      expect(await again.findUserByUsername(user.username)).toEqual({ user: changed, passwordHash: 'hash-1' });
      await expect(fixture.store.updateUser(aUser())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('keeps a user\'s needs (tjenstlig behov)', async () => {
      const user = aUser({ roles: ['sokebruker'], needs: ['personopplysninger'] });
      await fixture.store.createUser(user, 'hash');
      expect((await fixture.store.getUser(user.id))?.needs).toEqual(['personopplysninger']);
    });

    it('counts failed logins atomically across handles and clears them with a lock or its lifting', async () => {
      const user = aUser();
      await fixture.store.createUser(user, 'hash');
      const again = await fixture.openAgain();
      const counts = await Promise.all([1, 2, 3, 4].map((i) => (i % 2 ? fixture.store : again).recordLoginFailure(user.id)));
      expect([...counts].sort()).toEqual([1, 2, 3, 4]);
      expect(await fixture.store.loginLockedUntil(user.id)).toBeUndefined();
      await fixture.store.setLoginLock(user.id, '2026-03-01T10:15:00.000Z');
      expect(await again.loginLockedUntil(user.id)).toBe('2026-03-01T10:15:00.000Z');
      expect(await again.recordLoginFailure(user.id)).toBe(1);
      await again.setLoginLock(user.id, undefined);
      expect(await fixture.store.loginLockedUntil(user.id)).toBeUndefined();
    });

    it('revokes every session of one user and no one else\'s', async () => {
      const kari = aUser();
      const kim = aUser();
      await fixture.store.createUser(kari, 'hash');
      await fixture.store.createUser(kim, 'hash');
      const sessions = [aSession(kari.id), aSession(kari.id), aSession(kim.id)];
      for (const session of sessions) await fixture.store.createSession(session);
      expect(await fixture.store.deleteSessionsOfUser(kari.id)).toBe(2);
      expect(await fixture.store.findSession(sessions[0]!.tokenHash)).toBeUndefined();
      expect(await fixture.store.findSession(sessions[1]!.tokenHash)).toBeUndefined();
      expect(await fixture.store.findSession(sessions[2]!.tokenHash)).toBeDefined();
    });

    it('keeps a disabled user disabled', async () => {
      const user = aUser({ disabled: true });
      await fixture.store.createUser(user, 'hash');
      expect((await fixture.store.getUser(user.id))?.disabled).toBe(true);
    });

    it('refuses a taken username with USER_EXISTS and keeps the first user', async () => {
      const first = aUser({ username: 'kari' });
      await fixture.store.createUser(first, 'hash-1');
      const error = await fixture.store.createUser(aUser({ username: 'kari', displayName: 'En annen Kari' }), 'hash-2').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('USER_EXISTS');
      expect(await fixture.store.findUserByUsername('kari')).toEqual({ user: first, passwordHash: 'hash-1' });
    });

    it('answers undefined for unknown users', async () => {
      expect(await fixture.store.findUserByUsername('ingen')).toBeUndefined();
      expect(await fixture.store.getUser('no-such-user')).toBeUndefined();
    });

    it('lists all users by username', async () => {
      const users = [aUser({ username: 'ola' }), aUser({ username: 'anne' }), aUser({ username: 'kari' })];
      for (const user of users) await fixture.store.createUser(user, 'hash');
      expect((await fixture.store.listUsers()).map((u) => u.username)).toEqual(['anne', 'kari', 'ola']);
    });

    it('stores, finds and deletes sessions by token hash', async () => {
      const user = aUser();
      await fixture.store.createUser(user, 'hash');
      const session = aSession(user.id);
      const other = aSession(user.id);
      await fixture.store.createSession(session);
      await fixture.store.createSession(other);
      expect(await fixture.store.findSession(session.tokenHash)).toEqual(session);
      await fixture.store.deleteSession(session.tokenHash);
      expect(await fixture.store.findSession(session.tokenHash)).toBeUndefined();
      expect(await fixture.store.findSession(other.tokenHash)).toEqual(other);
      expect(await fixture.store.findSession('no-such-token')).toBeUndefined();
    });

    it('finds a partner by the hash of its API key, and nothing by another key', async () => {
      await fixture.store.createPartner({ id: 'partner-1', name: 'Politiet' }, 'key-hash-1');
      await fixture.store.createPartner({ id: 'partner-2', name: 'Tolletaten' }, 'key-hash-2');
      expect(await fixture.store.findPartnerByApiKeyHash('key-hash-2')).toEqual({ id: 'partner-2', name: 'Tolletaten' });
      expect(await fixture.store.findPartnerByApiKeyHash('key-hash-3')).toBeUndefined();
    });
  });
}
