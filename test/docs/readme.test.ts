import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readmeSections, withSection } from '../../scripts/readme-sections';

describe('README', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('starts with exactly the two set-up commands', () => {
    const firstBlock = /```(?:bash|sh)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm start', 'npm test']);
  });

  it.each(['config', 'api'] as const)('has a current %s section (run `pnpm docs:readme` after changing it)', (name) => {
    const current = readmeSections()[name];
    expect(withSection(readme, name, current)).toBe(readme);
  });
});
