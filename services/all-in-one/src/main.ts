import { DEMO_PARTNER_KEY, DEMO_PASSWORD, DEMO_USERS } from '@mottak/bootstrap';
import { createLogger, loadConfig, onShutdown, runMain } from '@mottak/runtime';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_WEB_ROOT, startAllInOne } from './all-in-one';

/** `npm start`: the whole product in one process on the embedded engines. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'mottak');
  const shutdown = onShutdown(logger);
  const running = await startAllInOne(config, logger, { webRoot: DEFAULT_WEB_ROOT });
  shutdown.register('mottak', () => running.close());
  const lines = [
    '',
    `Mottak kjører på ${running.server.url}  (datakatalog: ${config.MOTTAK_DATA_DIR})`,
    existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'))
      ? `  Nettleser: ${running.server.url}/  (logg inn med en demobruker)`
      : '  Nettleser: webappen er ikke bygget (node scripts/build-web.mjs); bare API-et kjører',
    `  Tipsskjema for publikum: ${running.server.url}/tips`,
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

runMain(main);
