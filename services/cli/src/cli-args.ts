import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs (strict), with its English errors turned into Norwegian UsageErrors that
 * name the option, so `--chanel x` says which option is unknown instead of printing a stack.
 */
export function parseCliArgs<O extends OptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw toUsageError(error);
  }
}

function toUsageError(error: unknown): unknown {
  const { code, message: rawMessage } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return error;
  const message = typeof rawMessage === 'string' ? rawMessage : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`ukjent valg «${option ?? message}»`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        message.includes('argument missing') ? `${option ?? 'valget'} mangler verdi` : `${option ?? 'valget'} tar ingen verdi`,
      );
    default:
      return new UsageError(message);
  }
}

/** Splits a comma-separated option value (`--roles a,b`), dropping blanks; undefined stays undefined. */
export function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Refuses positional arguments beyond the expected count, naming the first extra one. */
export function expectPositionals(positionals: string[], names: string[]): void {
  const extra = positionals[names.length];
  if (extra !== undefined) throw new UsageError(`uventet argument «${extra}»`);
}
