import path from 'node:path';
import { openCoreDeps } from '@mottak/bootstrap';
import { createLogger, loadConfig, onShutdown, runMain } from '@mottak/runtime';
import { apiOptionsFromConfig } from './api-options';
import { createApp } from './app';
import { listen } from './listen';

/** The API alone (scale out: run several; workers and indexers run as their own processes). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'mottak-api');
  const core = await openCoreDeps(config, logger, { watchRuleSet: true });
  const shutdown = onShutdown(logger);
  shutdown.register('engines', () => core.close());
  // The browser app's build (services/web/dist), served at / when it has been built.
  const webRoot = path.resolve(__dirname, '..', '..', 'web', 'dist');
  const app = createApp(core.deps, { ...apiOptionsFromConfig(config, logger, () => core.readiness()), webRoot });
  const server = await listen(app, config.PORT, config.HOST);
  shutdown.register('http', () => server.close());
  logger.info({ url: server.url }, 'API klar');
}

runMain(main);
