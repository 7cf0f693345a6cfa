import { login } from '@mottak/core';
import { runCommand } from './command';
import { captureIo, openTestStore, type TestStore } from './cli-test-support';
import { usersAddCommand, usersListCommand } from './users.command';

const VALID = ['--username', 'ola', '--name', 'Ola Nordmann', '--roles', 'koordinator,fagansvarlig', '--klarering', 'HEMMELIG', '--unit', 'FRS'];

/** Replaces the value of one option in VALID (or drops the option when value is undefined). */
function withOption(option: string, value: string | undefined): string[] {
  const i = VALID.indexOf(option);
  const args = [...VALID];
  if (value === undefined) args.splice(i, 2);
  else args[i + 1] = value;
  return args;
}

describe('users', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  it.each([
    [withOption('--klarering', 'TOPPHEMMELIG'), '--klarering: må være én av: UGRADERT, BEGRENSET, KONFIDENSIELT, HEMMELIG, STRENGT_HEMMELIG (fikk «TOPPHEMMELIG»)'],
    [withOption('--unit', undefined), '--unit: mangler'],
    [withOption('--roles', 'koordinator,sjef'), '--roles: må være én av: koordinator, fagansvarlig, sokebruker, revisor, admin (fikk «sjef»)'],
    [withOption('--username', 'Ola'), '--username: må starte med en liten bokstav'],
    [withOption('--name', '  '), '--name: kan ikke være tom'],
    [[...VALID, '--compartments', 'Kontra Etterretning'], '--compartments: må være små bokstaver'],
    [[...VALID, '--password', 'kort'], '--password: må ha minst 12 tegn'],
  ])('users add %j names the bad option and exits 2', async (argv, message) => {
    const { io, stderr, stdout } = captureIo();

    expect(await runCommand(usersAddCommand, store.deps, argv, io)).toBe(2);
    expect(stderr()).toContain(`Feil: ${message}`);
    expect(stdout()).toBe('');
    expect(await store.deps.identity.listUsers()).toEqual([]);
  });

  it('users add generates a strong password, prints it once, and it works for login', async () => {
    const { io, stdout } = captureIo();

    expect(await runCommand(usersAddCommand, store.deps, [...VALID, '--compartments', 'kontraetterretning'], io)).toBe(0);

    const password = /Generert passord \(vises bare nå, ta vare på det\): (\S+)/.exec(stdout())?.[1];
    expect(password).toHaveLength(24);
    const session = await login(store.deps, 'ola', password ?? '', 'cli-test');
    expect(session.user).toMatchObject({ username: 'ola', displayName: 'Ola Nordmann', klarering: 'HEMMELIG', compartments: ['kontraetterretning'] });
  });

  it('users add --password-stdin uses the password from stdin (without its newline)', async () => {
    const { io, stdout } = captureIo('et langt nok passord\n');

    expect(await runCommand(usersAddCommand, store.deps, [...VALID, '--password-stdin'], io)).toBe(0);

    expect(stdout()).not.toContain('passord');
    await expect(login(store.deps, 'ola', 'et langt nok passord', 'cli-test')).resolves.toMatchObject({ user: { username: 'ola' } });
  });

  it('users add refuses a taken username with exit 1', async () => {
    await runCommand(usersAddCommand, store.deps, VALID, captureIo().io);
    const { io, stderr } = captureIo();

    expect(await runCommand(usersAddCommand, store.deps, VALID, io)).toBe(1);
    expect(stderr()).toContain('Brukernavnet «ola» er allerede i bruk');
  });

  it('users list shows every user with roles, klarering, unit and compartments', async () => {
    await runCommand(usersAddCommand, store.deps, [...VALID, '--compartments', 'kontraetterretning,cyber'], captureIo().io);
    await runCommand(
      usersAddCommand,
      store.deps,
      ['--username', 'anne', '--name', 'Anne Admin', '--roles', 'admin', '--klarering', 'strengt hemmelig', '--unit', 'IT'],
      captureIo().io,
    );
    const { io, stdout } = captureIo();

    expect(await runCommand(usersListCommand, store.deps, [], io)).toBe(0);

    const lines = stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^brukernavn +navn +roller +klarering +enhet +rom$/);
    expect(lines[2]).toMatch(/^anne +Anne Admin +admin +STRENGT HEMMELIG +IT +–$/);
    expect(lines[3]).toMatch(/^ola +Ola Nordmann +koordinator,fagansvarlig +HEMMELIG +FRS +cyber,kontraetterretning$/);
    expect(lines).toHaveLength(4);
  });

  it('users list says so when there are no users', async () => {
    const { io, stdout } = captureIo();
    expect(await runCommand(usersListCommand, store.deps, [], io)).toBe(0);
    expect(stdout()).toContain('Ingen brukere.');
  });
});
