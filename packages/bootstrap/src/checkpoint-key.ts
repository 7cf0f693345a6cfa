import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CheckpointKey, checkpointKeyFromPem } from '@mottak/core';
import { type Config, ConfigError, type Logger } from '@mottak/runtime';

/** The key file the embedded profile creates in its data directory when none is configured. */
export const EMBEDDED_CHECKPOINT_KEY_FILE = 'checkpoint-key.pem';

function readKey(file: string, variable: string | undefined): CheckpointKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (variable) throw new ConfigError([`${variable}: kan ikke lese nøkkelfilen (${reason})`]);
    throw error;
  }
  try {
    return checkpointKeyFromPem(pem);
  } catch {
    // Never echo the file's content: it is a private key.
    throw new ConfigError([`${variable ?? file}: er ikke en Ed25519-privatnøkkel i PKCS#8 PEM`]);
  }
}

/**
 * The Ed25519 key that signs checkpoints. MOTTAK_CHECKPOINT_KEY_FILE when set (production requires
 * it; loadConfig checks); otherwise, on the embedded profile, `checkpoint-key.pem` in the data
 * directory, created once (mode 0600) and kept, so that checkpoints stay verifiable across restarts.
 * The public key's fingerprint is logged so that operators can pin it.
 */
export function loadCheckpointKey(config: Config, logger: Logger, dataDir: string | undefined): CheckpointKey {
  let key: CheckpointKey;
  if (config.MOTTAK_CHECKPOINT_KEY_FILE) {
    key = readKey(config.MOTTAK_CHECKPOINT_KEY_FILE, 'MOTTAK_CHECKPOINT_KEY_FILE');
  } else {
    if (!dataDir) throw new ConfigError(['MOTTAK_CHECKPOINT_KEY_FILE: mangler']);
    const file = path.join(dataDir, EMBEDDED_CHECKPOINT_KEY_FILE);
    const exists = statSync(file, { throwIfNoEntry: false });
    if (!exists) {
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      try {
        // `wx`: two processes starting at once must not overwrite each other's key.
        writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
        logger.warn({ file }, 'ny nøkkel for signerte sjekkpunkter laget (sett MOTTAK_CHECKPOINT_KEY_FILE for å styre den selv)');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    key = readKey(file, undefined);
  }
  logger.info({ keyId: key.keyId, fingerprint: `SHA256:${key.fingerprint}` }, 'sjekkpunktnøkkel (Ed25519)');
  return key;
}
