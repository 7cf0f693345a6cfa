import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readmeSections, withSection } from './readme-sections';

/** `pnpm docs:readme`: regenerates the README's configuration table and API overview. */
const file = path.join(__dirname, '..', 'README.md');
let readme = readFileSync(file, 'utf8');
for (const [name, content] of Object.entries(readmeSections())) readme = withSection(readme, name, content);
writeFileSync(file, readme);
process.stdout.write('README.md oppdatert\n');
