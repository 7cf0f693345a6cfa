import type { Logger } from 'pino';

type Closer = () => Promise<void>;

/**
 * Runs closers in reverse order of registration on SIGINT/SIGTERM (servers stop accepting first,
 * then workers finish or return their jobs, then engines close), then exits.
 */
export function onShutdown(logger: Logger) {
  const closers: Array<{ name: string; close: Closer }> = [];
  let shuttingDown = false;
  const run = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'avslutter');
    for (const { name, close } of [...closers].reverse()) {
      try {
        await close();
      } catch (error) {
        logger.error({ err: error, component: name }, 'feil under avslutning');
      }
    }
    logger.info('avsluttet');
    process.exit(0);
  };
  // `on`, not `once`: a second signal during shutdown (a supervisor repeating itself, a wrapper
  // relaying) must not kill the process while it is returning jobs and closing engines.
  process.on('SIGINT', () => void run('SIGINT'));
  process.on('SIGTERM', () => void run('SIGTERM'));
  return {
    register(name: string, close: Closer) {
      closers.push({ name, close });
    },
    trigger: run,
  };
}
