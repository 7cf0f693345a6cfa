import { allRoutes } from '@mottak/api';
import type { CoreDeps } from '@mottak/core';
import { configTableMarkdown } from '@mottak/runtime';

/** The README's generated sections: the configuration table and the API overview. */
export function readmeSections(): Record<'config' | 'api', string> {
  // Route specs are data; listing them needs no engines (handlers are never called here).
  const routes = allRoutes({} as CoreDeps, async () => ({}));
  const auth = { none: 'ingen', intake: 'valgfri (publikum / partner / bruker)', user: 'innlogget bruker' } as const;
  const api = [
    '| Metode | Sti | Innlogging | Hva |',
    '|---|---|---|---|',
    ...routes.map((r) => `| ${r.method.toUpperCase()} | \`${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}\` | ${auth[r.auth]} | ${r.summary} |`),
    '| GET | `/api/v1/openapi.json` | ingen | OpenAPI 3.1-beskrivelsen, generert fra de samme zod-skjemaene |',
  ].join('\n');
  return { config: configTableMarkdown(), api };
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function withSection(readme: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README mangler markørene ${start} … ${end}`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}
