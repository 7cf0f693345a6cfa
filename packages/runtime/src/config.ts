import { configSchema, type Config } from './config.schema';

/** A configuration error that names every bad variable (and never echoes its value: it may be a secret). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfigurasjon:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** What the production profile cannot start without: the engines, and the key that signs the logs. */
const PRODUCTION_REQUIRED = ['MONGO_URL', 'REDIS_URL', 'ELASTICSEARCH_URL', 'MOTTAK_CHECKPOINT_KEY_FILE'] as const;

/** Reads and validates the configuration from environment variables; fails fast naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, string>> = {}): Config {
  const source: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = overrides[key as keyof Config] ?? env[key];
    // Empty strings mean "unset", as in most shells' `VAR= cmd`.
    source[key] = value === '' ? undefined : value;
  }
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  if (parsed.data.MOTTAK_PROFILE === 'production') {
    const missing = PRODUCTION_REQUIRED.filter((name) => parsed.data[name] === undefined);
    if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: mangler (påkrevd når MOTTAK_PROFILE=production)`));
  }
  return parsed.data;
}

export interface ConfigDoc {
  name: string;
  default: string;
  description: string;
}

/** Name, default and description of every setting, in schema order (for the README table). */
export function describeConfig(): ConfigDoc[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => {
    const parsed = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
    return {
      name,
      default: parsed.success && parsed.data !== undefined ? String(parsed.data) : '—',
      description: (schema as { description?: string }).description ?? '',
    };
  });
}

/** The README's configuration table as markdown. */
export function configTableMarkdown(): string {
  const rows = describeConfig().map((c) => `| \`${c.name}\` | ${c.default === '—' ? '—' : `\`${c.default}\``} | ${c.description} |`);
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}
