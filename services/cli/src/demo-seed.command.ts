import { DEMO_PARTNER_KEY, DEMO_PASSWORD, DEMO_USERS, seedDemo } from '@mottak/bootstrap';
import type { CoreDeps } from '@mottak/core';
import { expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_OK, writeLine } from './cli-io';
import type { CliCommand } from './command';

const USAGE = `pnpm mottak demo seed
      Legger inn demobrukere, en demopartner og demorapporter (gjør ingenting om de finnes fra før).`;

/** `demo seed`: the demo data of `MOTTAK_DEMO_SEED=true`, on demand. */
export const demoSeedCommand: CliCommand = {
  name: 'demo seed',
  usage: USAGE,
  prepare(argv) {
    const { positionals } = parseCliArgs(argv, {});
    expectPositionals(positionals, []);
    return (deps, io) => runDemoSeed(deps, io);
  },
};

/** Seeds the demo data (idempotent) and says what happened. */
export async function runDemoSeed(deps: CoreDeps, io: CliIo): Promise<number> {
  const result = await seedDemo(deps);
  if (!result.created) {
    writeLine(io.stdout, `Demodata fantes fra før (brukere: ${result.users.join(', ')}); ingenting er endret.`);
    return EXIT_OK;
  }
  writeLine(io.stdout, `Demodata opprettet. Demobrukere (passord «${DEMO_PASSWORD}»):`);
  for (const user of DEMO_USERS) {
    writeLine(
      io.stdout,
      `  ${user.username.padEnd(7)} ${user.roles.join(',').padEnd(13)} klarering ${user.klarering.padEnd(16)} rom: ${user.compartments.join(',') || '–'}`,
    );
  }
  writeLine(io.stdout, `Demopartner: X-API-Key: ${DEMO_PARTNER_KEY}`);
  writeLine(io.stdout, 'Demorapportene er mottatt; de som ikke er registrert, vurderes av workeren når Mottak kjører.');
  return EXIT_OK;
}
