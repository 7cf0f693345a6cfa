import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@mottak/runtime';

/** The shipped example environment must be a valid configuration (it is what operators copy). */
describe('infra/embedded/mottak.env.example', () => {
  it('loads without errors and turns the demo off', () => {
    const text = readFileSync(path.join(__dirname, '..', '..', 'infra', 'embedded', 'mottak.env.example'), 'utf8');
    const env: Record<string, string> = {};
    for (const line of text.split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) env[match[1]!] = match[2]!;
    }
    const config = loadConfig(env);
    expect(config.MOTTAK_DEMO_SEED).toBe(false);
    expect(config.MOTTAK_DATA_DIR).toBe('/var/lib/mottak');
  });
});
