import { createHash } from 'node:crypto';
import { keccak256Hex } from './keccak';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
/** Mainnet version bytes: P2PKH (addresses starting with 1) and P2SH (starting with 3). */
const BASE58_VERSIONS = new Set([0x00, 0x05]);

/** Base58 (Bitcoin alphabet) to bytes, leading '1's as zero bytes; undefined on a character outside the alphabet. */
export function base58Decode(s: string): Uint8Array | undefined {
  let n = 0n;
  for (const c of s) {
    const v = BASE58_ALPHABET.indexOf(c);
    if (v < 0) return undefined;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  let zeros = 0;
  while (zeros < s.length && s[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** Legacy address: base58check (checksum = first 4 bytes of double SHA-256), 25 bytes, mainnet version 0x00 or 0x05. */
export function isValidBase58Address(address: string): boolean {
  const bytes = base58Decode(address);
  if (!bytes || bytes.length !== 25 || !BASE58_VERSIONS.has(bytes[0] ?? -1)) return false;
  const checksum = sha256(sha256(bytes.subarray(0, 21))).subarray(0, 4);
  return checksum.equals(bytes.subarray(21));
}

function polymod(values: readonly number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (GEN[i] ?? 0)) >>> 0;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

/** Regroups 5-bit values into bytes (BIP-173 convertbits without padding); undefined if the padding is invalid. */
function fiveToEight(data: readonly number[]): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const v of data) {
    acc = (acc << 5) | v;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits >= 5 || acc !== 0) return undefined;
  return out;
}

/**
 * Segwit address (BIP-173/350): `bc1…`, not mixed case, bech32 checksum for witness version 0 and
 * bech32m for 1–16, and a program length the version allows (v0: 20 or 32 bytes, others 2–40).
 */
export function isValidBech32Address(address: string): boolean {
  if (address.length < 14 || address.length > 90) return false;
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  if (!lower.startsWith('bc1')) return false;
  const data = [...lower.slice(3)].map((c) => BECH32_CHARSET.indexOf(c));
  if (data.some((v) => v < 0) || data.length < 7) return false;
  const version = data[0] ?? -1;
  if (version > 16) return false;
  const check = polymod([...hrpExpand('bc'), ...data]);
  if (check !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  const program = fiveToEight(data.slice(1, -6));
  if (!program || program.length < 2 || program.length > 40) return false;
  return version !== 0 || program.length === 20 || program.length === 32;
}

/** Ethereum address `0x` + 40 hex; all-lower or all-upper hex has no checksum, mixed case must satisfy EIP-55. */
export function isValidEthereumAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}

/** EIP-55 mixed-case form: a hex letter is upper case where the matching nibble of keccak256(lower-case hex) is ≥ 8. */
export function toChecksumAddress(address: string): string {
  const hex = address.slice(2).toLowerCase();
  const hash = keccak256Hex(hex);
  let out = '0x';
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charAt(i);
    out += parseInt(hash.charAt(i), 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}
