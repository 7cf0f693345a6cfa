import { rebuildSearchIndex } from '@mottak/core';
import { expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_OK, writeLine } from './cli-io';
import type { CliCommand } from './command';

const USAGE = `pnpm mottak index rebuild
      Bygger søkeindeksen på nytt fra lageret (sannhetskilden), f.eks. etter at indeksfilen er tapt.`;

/** `index rebuild`: refills the search index from the store. */
export const indexRebuildCommand: CliCommand = {
  name: 'index rebuild',
  usage: USAGE,
  prepare(argv) {
    const { positionals } = parseCliArgs(argv, {});
    expectPositionals(positionals, []);
    return async (deps, io: CliIo) => {
      const indexed = await rebuildSearchIndex(deps, {
        pageSize: 500,
        onProgress: (done, total) => writeLine(io.stderr, `indeksert ${done} av ${total}`),
      });
      writeLine(io.stdout, `Søkeindeksen er bygd på nytt: ${indexed} registrerte rapporter.`);
      return EXIT_OK;
    };
  },
};
