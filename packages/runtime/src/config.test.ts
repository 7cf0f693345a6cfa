import { ConfigError, configTableMarkdown, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', MOTTAK_PROFILE: 'embedded', MOTTAK_BODY_LIMIT_BYTES: 1024 * 1024, MOTTAK_DEMO_SEED: false });
  });

  it('coerces numbers and booleans from strings; overrides win over the environment', () => {
    const config = loadConfig({ PORT: '9000', MOTTAK_DEMO_SEED: 'true' }, { PORT: '9100' });
    expect(config.PORT).toBe(9100);
    expect(config.MOTTAK_DEMO_SEED).toBe(true);
  });

  it('fails fast naming every bad variable, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'hemmelig-verdi', MOTTAK_PROFILE: 'sky', MOTTAK_QUEUE_MAX_ATTEMPTS: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('MOTTAK_PROFILE');
    expect(message).toContain('MOTTAK_QUEUE_MAX_ATTEMPTS');
    expect(message).not.toContain('hemmelig-verdi');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080);
  });

  it('documents every variable in the README table', () => {
    const table = configTableMarkdown();
    for (const name of ['PORT', 'MOTTAK_DATA_DIR', 'MOTTAK_BODY_LIMIT_BYTES', 'MOTTAK_RULES_FILE']) expect(table).toContain(`\`${name}\``);
  });
});

describe('production profile', () => {
  it('names every missing engine URL', () => {
    expect(() => loadConfig({ MOTTAK_PROFILE: 'production', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/MONGO_URL: mangler[\s\S]*ELASTICSEARCH_URL: mangler/);
  });

  it('refuses a malformed engine URL without echoing it', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://hemmelig@example' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://hemmelig@example' })).not.toThrow(/hemmelig/);
  });

  it('requires the checkpoint signing key, naming the variable', () => {
    expect(() => loadConfig({ MOTTAK_PROFILE: 'production', REDIS_URL: 'redis://127.0.0.1:6379', MONGO_URL: 'mongodb://127.0.0.1:27017/mottak', ELASTICSEARCH_URL: 'http://127.0.0.1:9200' })).toThrow(
      /MOTTAK_CHECKPOINT_KEY_FILE: mangler \(påkrevd når MOTTAK_PROFILE=production\)/,
    );
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({ MOTTAK_PROFILE: 'production', REDIS_URL: 'redis://127.0.0.1:6379', MONGO_URL: 'mongodb://127.0.0.1:27017/mottak', ELASTICSEARCH_URL: 'http://127.0.0.1:9200', MOTTAK_CHECKPOINT_KEY_FILE: '/run/secrets/checkpoint-key.pem' });
    expect(config.ELASTICSEARCH_ANALYZER).toBe('norwegian');
  });
});
