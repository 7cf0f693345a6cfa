import { randomBytes } from 'node:crypto';
import { type CoreDeps, createUser } from '@mottak/core';
import { GRADERING_LABELS, type NewUser, newUserSchema, type User } from '@mottak/domain';
import { commaList, expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_OK, readAll, UsageError, writeLine } from './cli-io';
import type { CliCommand } from './command';
import { describeIssues, formatProblems } from './validation-messages';

/** Where the password comes from: given, read from stdin, or generated and shown once. */
export type PasswordSource = { kind: 'given'; password: string } | { kind: 'stdin' } | { kind: 'generate' };

export interface UsersAddArgs {
  user: Omit<NewUser, 'password'>;
  password: PasswordSource;
}

const ADD_USAGE = `pnpm mottak users add --username <u> --name <navn> --roles <r1,r2> --klarering <gradering> --unit <enhet>
      [--compartments <a,b>] [--needs personopplysninger] [--password-stdin | --password <passord>]
      Oppretter en bruker. Roller: koordinator, fagansvarlig, sokebruker, revisor, admin.
      --needs: tjenstlige behov; uten personopplysninger ser søkebrukere identifikatorer maskert.
      Uten passord lages et sterkt passord som vises én gang.`;

const LIST_USAGE = `pnpm mottak users list
      Viser alle brukere med roller, klarering, enhet og rom.`;

/** Schema fields as the options that set them, so an error names what the operator typed. */
const OPTION_OF_FIELD: Record<string, string> = {
  username: '--username',
  displayName: '--name',
  roles: '--roles',
  klarering: '--klarering',
  unit: '--unit',
  compartments: '--compartments',
  needs: '--needs',
  password: '--password',
};

const userWithoutPassword = newUserSchema.omit({ password: true });

/** `users add`: creates a user as the system (the operator on the server), audited as such. */
export const usersAddCommand: CliCommand = {
  name: 'users add',
  usage: ADD_USAGE,
  prepare(argv) {
    const args = parseUsersAddArgs(argv);
    return (deps, io) => runUsersAdd(deps, args, io);
  },
};

/** `users list`: every user as a table. */
export const usersListCommand: CliCommand = {
  name: 'users list',
  usage: LIST_USAGE,
  prepare(argv) {
    const { positionals } = parseCliArgs(argv, {});
    expectPositionals(positionals, []);
    return (deps, io) => runUsersList(deps, io);
  },
};

/** Parses `users add` options and validates them with the domain's user schema (password aside). */
export function parseUsersAddArgs(argv: string[]): UsersAddArgs {
  const { values, positionals } = parseCliArgs(argv, {
    username: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'string' },
    klarering: { type: 'string' },
    unit: { type: 'string' },
    compartments: { type: 'string' },
    needs: { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  expectPositionals(positionals, []);
  if (values.password !== undefined && values['password-stdin']) {
    throw new UsageError('bruk enten --password eller --password-stdin, ikke begge');
  }
  const candidate = {
    username: values.username,
    displayName: values.name,
    // Accept what people write: «søkebruker», «Koordinator», «STRENGT HEMMELIG».
    roles: commaList(values.roles)?.map((r) => r.toLowerCase().replace(/ø/g, 'o')),
    klarering: values.klarering?.trim().toUpperCase().replace(/\s+/g, '_'),
    unit: values.unit,
    compartments: commaList(values.compartments) ?? [],
    needs: commaList(values.needs) ?? [],
  };
  const parsed = userWithoutPassword.safeParse(candidate);
  if (!parsed.success) throw new UsageError(formatProblems(describeIssues(parsed.error.issues, candidate, optionName)));
  const password: PasswordSource =
    values.password !== undefined
      ? { kind: 'given', password: values.password }
      : values['password-stdin']
        ? { kind: 'stdin' }
        : { kind: 'generate' };
  if (password.kind === 'given') checkPassword(password.password, '--password');
  return { user: parsed.data, password };
}

/** Creates the user; prints a generated password once (it is stored only as an argon2id hash). */
export async function runUsersAdd(deps: CoreDeps, args: UsersAddArgs, io: CliIo): Promise<number> {
  let password: string;
  switch (args.password.kind) {
    case 'given':
      writeLine(io.stderr, 'Advarsel: --password blir synlig i prosesslisten og skallhistorikken; bruk helst --password-stdin.');
      password = args.password.password;
      break;
    case 'stdin':
      if ((io.stdin as { isTTY?: boolean }).isTTY) writeLine(io.stderr, 'Skriv passordet, trykk Enter og så Ctrl+D:');
      // One trailing newline is the terminator of `echo`/a file, not part of the password.
      password = (await readAll(io.stdin, io.signal)).replace(/\r?\n$/, '');
      checkPassword(password, '--password-stdin');
      break;
    case 'generate':
      password = generatePassword();
      break;
  }
  const user = await createUser(deps, undefined, { ...args.user, password });
  writeLine(io.stdout, `Bruker «${user.username}» opprettet (id ${user.id}).`);
  writeLine(io.stdout, formatUserTable([user]));
  if (args.password.kind === 'generate') {
    writeLine(io.stdout, `Generert passord (vises bare nå, ta vare på det): ${password}`);
  }
  return EXIT_OK;
}

/** Lists every user, sorted by username. */
export async function runUsersList(deps: CoreDeps, io: CliIo): Promise<number> {
  const users = [...(await deps.identity.listUsers())].sort((a, b) => a.username.localeCompare(b.username));
  if (users.length === 0) {
    writeLine(io.stdout, 'Ingen brukere. Opprett en med «pnpm mottak users add …» eller «pnpm mottak demo seed».');
    return EXIT_OK;
  }
  writeLine(io.stdout, formatUserTable(users));
  return EXIT_OK;
}

/** A plain-text table: username, name, roles, klarering, unit, compartments. */
export function formatUserTable(users: readonly User[]): string {
  const header = ['brukernavn', 'navn', 'roller', 'klarering', 'enhet', 'rom'];
  const rows = users.map((u) => [
    u.disabled ? `${u.username} (deaktivert)` : u.username,
    u.displayName,
    u.roles.join(','),
    GRADERING_LABELS[u.klarering],
    u.unit,
    u.compartments.length > 0 ? u.compartments.join(',') : '–',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)].join('\n');
}

/** 18 random bytes as base64url: 24 characters, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Checks a password against the user schema; `option` names where it came from. */
function checkPassword(password: string, option: string): void {
  const parsed = newUserSchema.shape.password.safeParse(password);
  if (!parsed.success) throw new UsageError(`${option}: ${formatProblems(describeIssues(parsed.error.issues, password))}`);
}

function optionName(path: readonly PropertyKey[]): string {
  const field = String(path[0]);
  return OPTION_OF_FIELD[field] ?? field;
}
