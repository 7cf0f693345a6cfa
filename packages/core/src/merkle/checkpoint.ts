import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/** The two Merkle logs Mottak keeps. */
export const LOG_NAMES = ['journal', 'audit'] as const;
export type LogName = (typeof LOG_NAMES)[number];

/** A signed tree head: the log had `treeSize` entries whose Merkle root was `rootHash` at `timestamp`. */
export interface Checkpoint {
  log: LogName;
  treeSize: number;
  /** Hex SHA-256 Merkle root (RFC 6962). */
  rootHash: string;
  /** ISO 8601. */
  timestamp: string;
  /** Fingerprint of the public key that signed (see checkpointKeyFromPem). */
  keyId: string;
  /** Base64 Ed25519 signature over checkpointMessage(). */
  signature: string;
}

/**
 * The exact bytes signed, in the spirit of C2SP signed notes: an origin line, then size, root and
 * time, one per line, so a verifier outside Mottak can rebuild it without our JSON rules.
 */
export function checkpointMessage(c: Pick<Checkpoint, 'log' | 'treeSize' | 'rootHash' | 'timestamp'>): string {
  return `mottak/${c.log}\n${c.treeSize}\n${c.rootHash}\n${c.timestamp}\n`;
}

/** The Ed25519 key that signs checkpoints; verification needs only its public half. */
export interface CheckpointKey {
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER). */
  keyId: string;
  /** Full SHA-256 fingerprint of the public key, for logs and for auditors to pin. */
  fingerprint: string;
  publicKeyPem: string;
  /** Base64 signature of `message`; undefined for a verify-only key. */
  sign?(message: string): string;
  verify(message: string, signature: string): boolean;
}

function keyFrom(publicKey: KeyObject, privateKey?: KeyObject): CheckpointKey {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`checkpoint key must be Ed25519, not ${publicKey.asymmetricKeyType ?? 'symmetric'}`);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const fingerprint = createHash('sha256').update(spki).digest('hex');
  return {
    keyId: fingerprint.slice(0, 16),
    fingerprint,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ...(privateKey ? { sign: (message: string) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64') } : {}),
    verify: (message, signature) => {
      try {
        return verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** A signing key from a PKCS#8 PEM private key (Ed25519). Throws if the PEM is not an Ed25519 private key. */
export function checkpointKeyFromPem(privateKeyPem: string): CheckpointKey {
  const privateKey = createPrivateKey(privateKeyPem);
  return keyFrom(createPublicKey(privateKey), privateKey);
}

/** A verify-only key from an SPKI PEM public key (what an auditor outside the system holds). */
export function checkpointVerifierFromPem(publicKeyPem: string): CheckpointKey {
  return keyFrom(createPublicKey(publicKeyPem));
}

/** Signs a checkpoint for a tree head. */
export function signCheckpointWith(key: CheckpointKey, head: Omit<Checkpoint, 'keyId' | 'signature'>): Checkpoint {
  if (!key.sign) throw new Error('this checkpoint key can only verify');
  return { ...head, keyId: key.keyId, signature: key.sign(checkpointMessage(head)) };
}

/** True if `checkpoint` carries a valid signature by `key`. */
export function checkpointSignatureValid(key: CheckpointKey, checkpoint: Checkpoint): boolean {
  return checkpoint.keyId === key.keyId && key.verify(checkpointMessage(checkpoint), checkpoint.signature);
}
