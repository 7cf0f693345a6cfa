import { DEMO_PARTNER_KEY, DEMO_PASSWORD, DEMO_USERS } from '@mottak/bootstrap';
import { ConfigError, createLogger, loadConfig, onShutdown } from '@mottak/runtime';
import { startAllInOne } from './all-in-one';

/** `npm start`: the whole product in one process on the embedded engines. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'mottak');
  const shutdown = onShutdown(logger);
  const running = await startAllInOne(config, logger);
  shutdown.register('mottak', () => running.close());
  const lines = [
    '',
    `Mottak kjører på ${running.server.url}  (datakatalog: ${config.MOTTAK_DATA_DIR})`,
    `  API-beskrivelse: ${running.server.url}/api/v1/openapi.json`,
  ];
  if (config.MOTTAK_DEMO_SEED) {
    lines.push(`  Demobrukere (passord «${DEMO_PASSWORD}»):`);
    for (const user of DEMO_USERS) {
      lines.push(`    ${user.username.padEnd(7)} ${user.roles.join(',').padEnd(13)} klarering ${user.klarering.padEnd(14)} rom: ${user.compartments.join(',') || '–'}`);
    }
    lines.push(`  Demopartner: X-API-Key: ${DEMO_PARTNER_KEY}`);
  }
  lines.push('  Stopp med Ctrl+C.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`Porten er allerede i bruk (${(error as Error).message}). Velg en annen med PORT=…\n`);
    process.exit(2);
  }
  throw error;
});
