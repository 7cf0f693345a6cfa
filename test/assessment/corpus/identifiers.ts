/**
 * Identifier factories for the corpus: valid identifiers with their check digits computed here, and
 * look-alikes that fail validation. Every checksum in this file is written independently of
 * packages/assessment (its own mod-11, mod-97, Luhn, base58check, bech32/bech32m and Keccak-256), so
 * a corpus label and an extractor agreeing means two implementations agree, not one with itself.
 */
import { createHash } from 'node:crypto';
import type { EntityType } from '@mottak/domain';
import type { Rng } from './rng';

/** A valid identifier as it is written (`raw`) and its normalised value. */
export interface Ident {
  type: EntityType;
  raw: string;
  value: string;
}

/** Something that looks like an identifier but fails validation: it must not be extracted as anything. */
export interface Lookalike {
  looksLike: EntityType;
  raw: string;
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// Fødselsnummer, D-nummer, H-nummer

const FNR_W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const FNR_W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const KONTO_W = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const ORGNR_W = [3, 2, 7, 6, 5, 4, 3, 2];

/** 11 − (Σ wᵢ·dᵢ mod 11), 11 → 0; 10 means "never issued". */
function mod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (weights[i] ?? 0) * (digits.charCodeAt(i) - 48);
  const r = 11 - (sum % 11);
  return r === 11 ? 0 : r;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function realDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export type IdentityKind = 'fodselsnummer' | 'd-nummer' | 'h-nummer';

/** Both control digits right (dates are checked by the caller). */
function identityChecksumOk(d: string): boolean {
  return mod11(d, FNR_W1) === d.charCodeAt(9) - 48 && mod11(d, FNR_W2) === d.charCodeAt(10) - 48;
}

/** An independent reading of "is this a valid fødselsnummer/D-nummer/H-nummer". */
export function validIdentity(d: string): boolean {
  if (!/^[0-9]{11}$/.test(d)) return false;
  let day = Number(d.slice(0, 2));
  let month = Number(d.slice(2, 4));
  if (day > 40) day -= 40;
  else if (month > 40) month -= 40;
  const yy = Number(d.slice(4, 6));
  const individ = Number(d.slice(6, 9));
  const years: number[] = [];
  if (individ <= 499) years.push(1900 + yy);
  if (individ >= 500 && individ <= 749 && yy >= 54) years.push(1800 + yy);
  if (individ >= 500 && yy <= 39) years.push(2000 + yy);
  if (individ >= 900 && yy >= 40) years.push(1900 + yy);
  return years.some((y) => realDate(y, month, day)) && identityChecksumOk(d);
}

export function validKontonummer(d: string): boolean {
  return /^[0-9]{11}$/.test(d) && mod11(d, KONTO_W) === d.charCodeAt(10) - 48;
}

function identityDigits(rng: Rng, kind: IdentityKind): string {
  for (;;) {
    const year = rng.int(1940, 2012);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28 + (month === 2 ? 0 : 2));
    const individ = year >= 2000 ? rng.int(500, 999) : rng.int(0, 499);
    const dd = kind === 'd-nummer' ? day + 40 : day;
    const mm = kind === 'h-nummer' ? month + 40 : month;
    const base = `${pad2(dd)}${pad2(mm)}${pad2(year % 100)}${String(individ).padStart(3, '0')}`;
    const k1 = mod11(base, FNR_W1);
    if (k1 === 10) continue;
    const k2 = mod11(base + k1, FNR_W2);
    if (k2 === 10) continue;
    // Every valid identity number is also a valid kontonummer (the second control digit uses the
    // account-number weights); the identity reading is the one that counts.
    return `${base}${k1}${k2}`;
  }
}

function identityRaw(rng: Rng, digits: string): string {
  return rng.chance(0.35) ? `${digits.slice(0, 6)} ${digits.slice(6)}` : digits;
}

export function identity(rng: Rng, kind: IdentityKind): Ident {
  const digits = identityDigits(rng, kind);
  return { type: kind, raw: identityRaw(rng, digits), value: digits };
}

/** A real date part but a wrong control digit (a typo in the last two digits, as people make them). */
export function identityLookalike(rng: Rng, kind: IdentityKind): Lookalike {
  for (;;) {
    const good = identityDigits(rng, kind);
    const position = rng.chance(0.5) ? 9 : 10;
    const wrong = (good.charCodeAt(position) - 48 + rng.int(1, 9)) % 10;
    const digits = good.slice(0, position) + String(wrong) + good.slice(position + 1);
    if (validIdentity(digits) || validKontonummer(digits)) continue;
    return { looksLike: kind, raw: identityRaw(rng, digits), reason: 'feil kontrollsiffer (mod 11)' };
  }
}

// ---------------------------------------------------------------------------------------------
// Organisasjonsnummer and kontonummer

function orgnrDigits(rng: Rng): string {
  for (;;) {
    const base = (rng.chance(0.8) ? '9' : '8') + rng.digits(7);
    const k = mod11(base, ORGNR_W);
    if (k !== 10) return base + k;
  }
}

function orgnrRaw(rng: Rng, d: string): string {
  const spaced = `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
  return rng.weighted([
    [spaced, 4],
    [d, 3],
    [`NO ${spaced} MVA`, 1.5],
    [`NO${d}MVA`, 1.5],
  ]);
}

export function orgnr(rng: Rng): Ident {
  const d = orgnrDigits(rng);
  return { type: 'orgnr', raw: orgnrRaw(rng, d), value: d };
}

export function orgnrLookalike(rng: Rng): Lookalike {
  const good = orgnrDigits(rng);
  const wrong = (Number(good[8]) + rng.int(1, 9)) % 10;
  return { looksLike: 'orgnr', raw: orgnrRaw(rng, good.slice(0, 8) + wrong), reason: 'feil kontrollsiffer (mod 11)' };
}

/** Registration numbers of real Norwegian banks, so account numbers look like the ones people paste. */
const BANK_REGS = ['1503', '1506', '1602', '1254', '3000', '6013', '9710', '1207', '0539', '8601', '1813', '2050', '4202', '9235', '1594', '3624', '2801', '1822'];

function kontoDigits(rng: Rng): string {
  for (;;) {
    const base = rng.pick(BANK_REGS) + rng.digits(6);
    const k = mod11(base, KONTO_W);
    if (k === 10) continue;
    const d = base + k;
    if (validIdentity(d)) continue; // would be read as a national identity number
    return d;
  }
}

function kontoRaw(rng: Rng, d: string, allowBare: boolean): string {
  const dotted = `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6)}`;
  const spaced = `${d.slice(0, 4)} ${d.slice(4, 6)} ${d.slice(6)}`;
  return rng.weighted([
    [dotted, 6],
    [spaced, 2],
    [d, allowBare ? 2 : 0],
  ]);
}

export function kontonummer(rng: Rng): Ident {
  const d = kontoDigits(rng);
  return { type: 'kontonummer', raw: kontoRaw(rng, d, true), value: d };
}

/** Grouped only: eleven bare digits that fail mod 11 carry no sign of being an account number. */
export function kontonummerLookalike(rng: Rng): Lookalike {
  for (;;) {
    const good = kontoDigits(rng);
    const position = rng.int(4, 10);
    const d = good.slice(0, position) + String((Number(good[position]) + rng.int(1, 9)) % 10) + good.slice(position + 1);
    if (validKontonummer(d) || validIdentity(d)) continue;
    return { looksLike: 'kontonummer', raw: kontoRaw(rng, d, false), reason: 'feil kontrollsiffer (mod 11)' };
  }
}

// ---------------------------------------------------------------------------------------------
// IBAN

/** BBAN layouts (n digit, a capital letter) per country, from the SWIFT IBAN registry. */
const IBAN_LAYOUTS: Readonly<Record<string, string>> = {
  DE: 'n18',
  GB: 'a4n14',
  FR: 'n23',
  SE: 'n20',
  DK: 'n14',
  NL: 'a4n10',
  ES: 'n20',
  FI: 'n14',
  PL: 'n24',
  LT: 'n16',
  EE: 'n16',
  CH: 'n17',
};

function ibanCheck(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return pad2(98 - Number(BigInt(rearranged) % 97n));
}

export function ibanValid(compact: string): boolean {
  const rearranged = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return /^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(compact) && BigInt(rearranged) % 97n === 1n;
}

function bbanFor(rng: Rng, country: string): string {
  if (country === 'NO') return kontoDigits(rng);
  let out = '';
  for (const [, kind, count] of (IBAN_LAYOUTS[country] ?? 'n10').matchAll(/([an])([0-9]+)/g)) {
    for (let i = 0; i < Number(count); i++) out += kind === 'a' ? String.fromCharCode(65 + rng.int(0, 25)) : String(rng.int(0, 9));
  }
  return out;
}

function ibanRaw(rng: Rng, compact: string): string {
  return rng.chance(0.7) ? (compact.match(/.{1,4}/g) ?? []).join(' ') : compact;
}

function ibanCountry(rng: Rng): string {
  return rng.chance(0.45) ? 'NO' : rng.pick(Object.keys(IBAN_LAYOUTS));
}

export function iban(rng: Rng): Ident {
  const country = ibanCountry(rng);
  const bban = bbanFor(rng, country);
  const compact = `${country}${ibanCheck(country, bban)}${bban}`;
  return { type: 'iban', raw: ibanRaw(rng, compact), value: compact };
}

/** One BBAN digit mistyped (mod 97 catches every single-digit error; for NO the embedded kontonummer fails too). */
export function ibanLookalike(rng: Rng): Lookalike {
  for (;;) {
    const country = ibanCountry(rng);
    const bban = bbanFor(rng, country);
    const good = `${country}${ibanCheck(country, bban)}${bban}`;
    const digitPositions = [...good].map((c, i) => (i >= 4 && /[0-9]/.test(c) ? i : -1)).filter((i) => i >= 0);
    const p = rng.pick(digitPositions);
    const bad = good.slice(0, p) + String((Number(good[p]) + rng.int(1, 9)) % 10) + good.slice(p + 1);
    if (ibanValid(bad) || (country === 'NO' && validKontonummer(bad.slice(4)))) continue;
    return { looksLike: 'iban', raw: ibanRaw(rng, bad), reason: 'feil kontrollsiffer (mod 97)' };
  }
}

// ---------------------------------------------------------------------------------------------
// Payment cards

function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function cardDigits(rng: Rng): { digits: string; layout: number[] } {
  const brand = rng.weighted([
    ['visa', 5],
    ['mastercard', 4],
    ['mastercard2', 1],
    ['amex', 1.5],
    ['discover', 0.5],
  ] as const);
  const prefix =
    brand === 'visa' ? '4' : brand === 'mastercard' ? `5${rng.int(1, 5)}` : brand === 'mastercard2' ? String(rng.int(2221, 2720)) : brand === 'amex' ? rng.pick(['34', '37']) : '6011';
  const length = brand === 'amex' ? 15 : 16;
  const payload = prefix + rng.digits(length - 1 - prefix.length);
  return { digits: payload + luhnCheckDigit(payload), layout: brand === 'amex' ? [4, 6, 5] : [4, 4, 4, 4] };
}

function cardRaw(rng: Rng, digits: string, layout: number[]): string {
  const style = rng.weighted([
    ['spaces', 5],
    ['hyphens', 2],
    ['compact', 3],
  ] as const);
  if (style === 'compact') return digits;
  const groups: string[] = [];
  let at = 0;
  for (const n of layout) {
    groups.push(digits.slice(at, at + n));
    at += n;
  }
  return groups.join(style === 'spaces' ? ' ' : '-');
}

export function paymentCard(rng: Rng): Ident {
  const { digits, layout } = cardDigits(rng);
  return { type: 'betalingskort', raw: cardRaw(rng, digits, layout), value: digits };
}

export function paymentCardLookalike(rng: Rng): Lookalike {
  const { digits, layout } = cardDigits(rng);
  const last = digits.length - 1;
  const bad = digits.slice(0, last) + String((Number(digits[last]) + rng.int(1, 9)) % 10);
  return { looksLike: 'betalingskort', raw: cardRaw(rng, bad, layout), reason: 'Luhn-kontrollen feiler' };
}

// ---------------------------------------------------------------------------------------------
// Phone numbers (numbering plans of NO, SE, DK, GB, DE, PL, US). The ranges are narrow on purpose:
// each was checked once against libphonenumber's metadata (2,000 draws each, all valid), so a miss
// is the extractor's, not an unallocated number's.

function norwegianNational(rng: Rng, mobile: boolean): string {
  if (mobile) return (rng.chance(0.75) ? `9${rng.int(0, 9)}` : `4${rng.pick(['0', '1', '5', '6', '7', '8'])}`) + rng.digits(6);
  return rng.pick(['21', '22', '23', '24', '31', '32', '33', '51', '52', '53', '55', '56', '57', '61', '62', '63', '64', '70', '71', '72', '73']) + rng.digits(6);
}

export function phone(rng: Rng): Ident {
  if (rng.chance(0.22)) return foreignPhone(rng);
  const mobile = rng.chance(0.7);
  const n = norwegianNational(rng, mobile);
  const grouped = mobile ? `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}` : `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`;
  const pairs = `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`;
  const raw = rng.weighted([
    [grouped, 5],
    [n, 3],
    [`+47 ${grouped}`, 3],
    [`+47${n}`, 1.5],
    [`+47 ${n}`, 1],
    [`0047 ${grouped}`, 1],
    [`(+47) ${grouped}`, 0.7],
    [`+47 ${pairs}`, 1],
    [pairs, 1],
  ]);
  return { type: 'phone', raw, value: `+47${n}` };
}

function foreignPhone(rng: Rng): Ident {
  const country = rng.pick(['SE', 'DK', 'GB', 'DE', 'PL', 'US'] as const);
  switch (country) {
    case 'SE': {
      const n = rng.pick(['70', '72', '73', '76', '79']) + rng.digits(7);
      const raw = rng.pick([`+46 ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7)}`, `+46${n}`, `0046 ${n.slice(0, 2)}-${n.slice(2)}`]);
      return { type: 'phone', raw, value: `+46${n}` };
    }
    case 'DK': {
      const n = `2${rng.int(0, 9)}${rng.int(1, 9)}${rng.digits(5)}`;
      const raw = rng.pick([`+45 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`, `+45${n}`]);
      return { type: 'phone', raw, value: `+45${n}` };
    }
    case 'GB': {
      const n = `7${rng.pick(['4', '5', '8'])}${rng.digits(8)}`;
      const raw = rng.pick([`+44 ${n.slice(0, 4)} ${n.slice(4)}`, `+44${n}`, `+44 (0)${n.slice(0, 4)} ${n.slice(4)}`]);
      return { type: 'phone', raw, value: `+44${n}` };
    }
    case 'DE': {
      const n = rng.pick(['151', '152', '160', '162', '170', '171', '172', '176']) + rng.digits(8);
      const raw = rng.pick([`+49 ${n.slice(0, 3)} ${n.slice(3)}`, `+49${n}`, `0049 ${n.slice(0, 3)} ${n.slice(3)}`]);
      return { type: 'phone', raw, value: `+49${n}` };
    }
    case 'PL': {
      const n = rng.pick(['50', '51', '53', '57', '60', '66', '69', '72', '78', '79', '88']) + rng.digits(7);
      const raw = rng.pick([`+48 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `+48${n}`]);
      return { type: 'phone', raw, value: `+48${n}` };
    }
    case 'US': {
      const area = rng.pick(['212', '415', '646', '312', '617', '202']);
      const exchange = `${rng.int(2, 9)}${rng.int(1, 9)}${rng.int(1, 9)}`;
      const line = rng.digits(4);
      const raw = rng.pick([`+1 ${area} ${exchange} ${line}`, `+1 (${area}) ${exchange}-${line}`, `+1${area}${exchange}${line}`]);
      return { type: 'phone', raw, value: `+1${area}${exchange}${line}` };
    }
  }
}

/** Amounts grouped by thousands: they parse as phone numbers unless the extractor knows better. */
export function amountLookalike(rng: Rng): Lookalike {
  const millions = rng.int(1, 99);
  const raw = rng.weighted([
    [`${millions} ${rng.digits(3)} ${rng.digits(3)}`, 3],
    [`${millions}.${rng.digits(3)}.${rng.digits(3)}`, 2],
  ]);
  return { looksLike: 'phone', raw, reason: 'beløp med tusenskille' };
}

// ---------------------------------------------------------------------------------------------
// E-mail, URL, domain

const FIRST_NAMES = ['kari', 'ola', 'ingrid', 'lars', 'sofie', 'jonas', 'nora', 'emil', 'astrid', 'magnus', 'hilde', 'per', 'silje', 'anders', 'marte', 'tor', 'ahmed', 'olga', 'piotr', 'fatima', 'john', 'emma', 'li', 'mikael'];
const LAST_NAMES = ['nordmann', 'hansen', 'johansen', 'olsen', 'larsen', 'andersen', 'berg', 'haugen', 'dahl', 'lie', 'moen', 'strand', 'solberg', 'bakke', 'nowak', 'smith', 'ali', 'ivanova', 'karlsson', 'eriksen'];
export const ORG_DOMAINS = ['kraftlaget-vest.no', 'vannverket.no', 'bergenhavn.no', 'nordfjord-energi.no', 'eksempel.no', 'firma.no', 'sikkerhetsbyraa.no', 'transport-nord.no', 'datasenter-oslo.no', 'kommune.example.no', 'havnevesen.no', 'lufthavn-drift.no'];
const FREE_MAIL = ['gmail.com', 'hotmail.com', 'outlook.com', 'online.no', 'yahoo.com', 'protonmail.com', 'proton.me', 'mail.ru', 'yandex.ru', 'gmx.de', 'icloud.com', 'live.no'];
export const SUSPICIOUS_HOSTS = ['secure-dnb-login.com', 'vipps-bekreft.net', 'altinn-verifisering.info', 'posten-sporing.xyz', 'nav-utbetaling.online', 'bankid-fornyelse.site', 'microsoft-365-support.tech', 'helsenorge-melding.top', 'skatteetaten-refusjon.info', 'politiet-bot.com'];
const SOCIAL_HOSTS = ['t.me', 'bit.ly', 'pastebin.com', 'x.com', 'www.facebook.com', 'www.tiktok.com', 'discord.gg', 'drive.google.com', 'www.vg.no', 'www.nrk.no', 'github.com'];

export function personName(rng: Rng): { first: string; last: string; display: string } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  return { first, last, display: `${cap(first)} ${cap(last)}` };
}

export function email(rng: Rng, name = personName(rng), domain?: string): Ident {
  const host = domain ?? (rng.chance(0.5) ? rng.pick(ORG_DOMAINS) : rng.pick(FREE_MAIL));
  const local = rng.weighted([
    [`${name.first}.${name.last}`, 5],
    [`${name.first.charAt(0)}.${name.last}`, 1],
    [`${name.first}${name.last}`, 1],
    [`${name.first}_${name.last}`, 0.7],
    [`${name.first}.${name.last}+tips`, 0.5],
    [`${name.first}${rng.int(60, 99)}`, 1],
    ['post', 0.7],
    ['varsling', 0.5],
  ]);
  const lower = `${local}@${host}`;
  const raw = rng.chance(0.12) ? lower.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()) : lower;
  return { type: 'email', raw, value: raw.toLowerCase() };
}

/** An address without a top-level domain: not an e-mail address, and no domain inside either. */
export function emailLookalike(rng: Rng): Lookalike {
  const name = personName(rng);
  return { looksLike: 'email', raw: `${name.first}.${name.last}@${rng.pick(['firma', 'localhost', 'intranett', 'mailserver'])}`, reason: 'mangler toppdomene' };
}

const PATH_WORDS = ['login', 'verify', 'sak', 'dokumenter', 'bilder', 'konto', 'faktura', 'raw', 'joinchat', 'file', 'status', 'post', 'profile', 'nyheter', 'artikkel', 'download', 'update'];

function randomToken(rng: Rng, length: number): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet.charAt(rng.int(0, alphabet.length - 1));
  return s;
}

/** URL value as the product documents it: scheme and host lower-cased, `www.` given `http://`, a bare `/` path dropped. */
export function urlValue(raw: string): string {
  const m = /^(https?:\/\/)?([^/?#]+)(.*)$/i.exec(raw);
  if (!m) throw new Error(`not a URL: ${raw}`);
  const scheme = (m[1] ?? 'http://').toLowerCase();
  const tail = m[3] === '/' ? '' : (m[3] ?? '');
  return `${scheme}${(m[2] ?? '').toLowerCase()}${tail}`;
}

export function url(rng: Rng): Ident {
  const host = rng.weighted([
    [rng.pick(SUSPICIOUS_HOSTS), 4],
    [rng.pick(SOCIAL_HOSTS), 4],
    [`www.${rng.pick(ORG_DOMAINS)}`, 2],
  ]);
  const scheme = host.startsWith('www.') && rng.chance(0.4) ? '' : rng.weighted([['https://', 4], ['http://', 1]]);
  const path = rng.weighted([
    ['', 1],
    ['/', 1],
    [`/${rng.pick(PATH_WORDS)}`, 2],
    [`/${rng.pick(PATH_WORDS)}/${randomToken(rng, rng.int(6, 12))}`, 3],
    [`/${rng.pick(PATH_WORDS)}?id=${randomToken(rng, 8)}&ref=${rng.pick(['sms', 'mail', 'qr'])}`, 1.5],
    [`/${randomToken(rng, 7)}#${rng.pick(PATH_WORDS)}`, 0.5],
  ]);
  const shownHost = rng.chance(0.08) ? host.toUpperCase() : host;
  const raw = `${scheme}${shownHost}${path}`;
  return { type: 'url', raw, value: urlValue(raw) };
}

export function domain(rng: Rng): Ident {
  const name = rng.weighted([
    [rng.pick(SUSPICIOUS_HOSTS), 5],
    [rng.pick(ORG_DOMAINS), 3],
    [`mail.${rng.pick(ORG_DOMAINS)}`, 1],
  ]);
  const raw = rng.chance(0.1) ? name.charAt(0).toUpperCase() + name.slice(1) : name;
  return { type: 'domene', raw, value: raw.toLowerCase() };
}

// ---------------------------------------------------------------------------------------------
// IP addresses

const PUBLIC_FIRST_OCTETS = [5, 31, 37, 46, 77, 78, 79, 80, 81, 84, 85, 87, 88, 89, 91, 92, 93, 94, 95, 109, 128, 141, 146, 151, 158, 176, 178, 185, 193, 194, 195, 212, 213, 217];

export function ipv4(rng: Rng): Ident {
  const kind = rng.weighted([
    ['public', 5],
    ['private', 2],
    ['docs', 1],
    ['cidr', 1.2],
  ] as const);
  let raw: string;
  if (kind === 'public') raw = `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  else if (kind === 'private') raw = rng.pick([`10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`, `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`]);
  else if (kind === 'docs') raw = `${rng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${rng.int(1, 254)}`;
  else raw = rng.pick([`10.${rng.int(0, 255)}.0.0/16`, `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24`, '10.0.0.0/8', `172.${rng.int(16, 31)}.0.0/12`]);
  return { type: 'ipv4', raw, value: raw };
}

/** One octet above 255: not an address. */
export function ipv4Lookalike(rng: Rng): Lookalike {
  const octets = [rng.pick(PUBLIC_FIRST_OCTETS), rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)].map(String);
  octets[rng.int(0, 3)] = String(rng.int(256, 999));
  return { looksLike: 'ipv4', raw: octets.join('.'), reason: 'oktett over 255' };
}

/** RFC 5952 text form: lower case, no leading zeros, the first longest run (≥ 2) of zero groups as `::`. */
export function ipv6Canonical(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function ipv6(rng: Rng): Ident {
  for (;;) {
    const groups: number[] = [];
    const prefix = rng.pick([[0x2001, 0xdb8], [0x2a02, rng.int(0, 0xffff)], [0x2001, 0x67c], [0xfe80, 0], [0x2a01, rng.int(0, 0xffff)], [0x2620, rng.int(0, 0xfff)]]);
    groups.push(...prefix);
    while (groups.length < 8) groups.push(rng.chance(0.35) ? 0 : rng.int(0, 0xffff));
    if (prefix[0] === 0xfe80) groups.splice(1, 3, 0, 0, 0);
    const canonical = ipv6Canonical(groups);
    if (!/[0-9]/.test(canonical)) continue;
    const style = rng.weighted([
      ['canonical', 5],
      ['full', 1.5],
      ['upper', 1],
      ['cidr', 1],
    ] as const);
    if (style === 'full') {
      const raw = groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
      return { type: 'ipv6', raw, value: canonical };
    }
    if (style === 'upper') return { type: 'ipv6', raw: canonical.toUpperCase(), value: canonical };
    if (style === 'cidr') {
      const length = rng.pick([32, 48, 56, 64]);
      const network = groups.map((g, i) => (i * 16 < length ? g : 0));
      const value = `${ipv6Canonical(network)}/${length}`;
      if (!/[0-9]/.test(value.split('/')[0] ?? '')) continue;
      return { type: 'ipv6', raw: value, value };
    }
    return { type: 'ipv6', raw: canonical, value: canonical };
  }
}

/** A MAC address: colons and hex like IPv6, but six groups; not an identifier the assessment knows. */
export function macLookalike(rng: Rng): Lookalike {
  const raw = Array.from({ length: 6 }, () => rng.int(0, 255).toString(16).padStart(2, '0').toUpperCase()).join(':');
  return { looksLike: 'ipv6', raw, reason: 'MAC-adresse, ikke IPv6' };
}

// ---------------------------------------------------------------------------------------------
// Vehicle plates

const PLATE_SERIES = ['AB', 'AD', 'BT', 'BR', 'CE', 'CF', 'DN', 'DR', 'EB', 'EL', 'EK', 'EV', 'FE', 'FH', 'HB', 'HJ', 'KH', 'KJ', 'LB', 'LJ', 'NF', 'NK', 'PR', 'PD', 'RJ', 'RK', 'SU', 'SV', 'TF', 'UE', 'UB', 'VH', 'VJ', 'XF', 'ZT', 'ZE', 'YB', 'BS', 'CV', 'DP'];

export function vehiclePlate(rng: Rng): Ident {
  const letters = rng.pick(PLATE_SERIES);
  const digits = String(rng.int(10000, 99999));
  const raw = rng.chance(0.7) ? `${letters} ${digits}` : `${letters}${digits}`;
  return { type: 'kjennemerke', raw, value: `${letters}${digits}` };
}

// ---------------------------------------------------------------------------------------------
// Bitcoin and Ethereum

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function base58Encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE58.charAt(Number(n % 58n)) + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function base58CheckValid(s: string): boolean {
  let n = 0n;
  for (const c of s) {
    const v = BASE58.indexOf(c);
    if (v < 0) return false;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const c of s) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  if (bytes.length !== 25) return false;
  const payload = Uint8Array.from(bytes.slice(0, 21));
  const check = sha256(sha256(payload)).subarray(0, 4);
  return check.every((b, i) => b === bytes[21 + i]);
}

function base58Address(rng: Rng): string {
  const payload = Uint8Array.from([rng.chance(0.7) ? 0x00 : 0x05, ...rng.bytes(20)]);
  const check = sha256(sha256(payload)).subarray(0, 4);
  return base58Encode(Uint8Array.from([...payload, ...check]));
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk = (chk ^ (gen[i] as number)) >>> 0;
  }
  return chk;
}

function segwitAddress(version: number, program: Uint8Array): string {
  const data = [version];
  let acc = 0;
  let bits = 0;
  for (const byte of program) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const hrp = [3, 3, 0, 2, 3]; // "bc" expanded: high bits of b and c, 0, low bits
  const constant = version === 0 ? 1 : 0x2bc830a3;
  const mod = bech32Polymod([...hrp, ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = Array.from({ length: 6 }, (_, p) => (mod >>> (5 * (5 - p))) & 31);
  return `bc1${[...data, ...checksum].map((v) => BECH32.charAt(v)).join('')}`;
}

function bech32Valid(address: string): boolean {
  const data = [...address.slice(3)].map((c) => BECH32.indexOf(c));
  if (data.some((v) => v < 0)) return false;
  const residue = bech32Polymod([3, 3, 0, 2, 3, ...data]);
  return residue === 1 || residue === 0x2bc830a3;
}

export function bitcoin(rng: Rng): Ident {
  const kind = rng.weighted([
    ['base58', 5],
    ['p2wpkh', 3],
    ['taproot', 1.5],
  ] as const);
  const raw = kind === 'base58' ? base58Address(rng) : kind === 'p2wpkh' ? segwitAddress(0, rng.bytes(20)) : segwitAddress(1, rng.bytes(32));
  return { type: 'bitcoin', raw, value: raw };
}

/** One character mistyped. */
export function bitcoinLookalike(rng: Rng): Lookalike {
  for (;;) {
    const good = bitcoin(rng).raw;
    const segwit = good.startsWith('bc1');
    const p = rng.int(segwit ? 4 : 1, good.length - 1);
    const alphabet = segwit ? BECH32 : BASE58;
    const c = alphabet.charAt(rng.int(0, alphabet.length - 1));
    const bad = good.slice(0, p) + c + good.slice(p + 1);
    if (bad === good) continue;
    if (segwit ? bech32Valid(bad) : base58CheckValid(bad)) continue;
    // Base58 look-alikes keep both letter cases, as real addresses have; all-one-case strings are just hashes.
    if (!segwit && !(/[A-Z]/.test(bad) && /[a-z]/.test(bad))) continue;
    return { looksLike: 'bitcoin', raw: bad, reason: segwit ? 'feil bech32-sjekksum' : 'feil base58check-sjekksum' };
  }
}

// Keccak-256 (the pre-standard padding Ethereum uses), 64-bit lanes as BigInt: slow, but the corpus needs a few dozen.
const KECCAK_RC = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn, 0x0000000080000001n,
  0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n, 0x0000000080008009n, 0x000000008000000an,
  0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n, 0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n,
  0x000000000000800an, 0x800000008000000an, 0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
const KECCAK_ROT = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];
const MASK64 = (1n << 64n) - 1n;
const rotl = (x: bigint, n: number): bigint => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(64 - n))) & MASK64);

function keccakF(a: bigint[]): void {
  for (const rc of KECCAK_RC) {
    const c = Array.from({ length: 5 }, (_, x) => (a[x] as bigint) ^ (a[x + 5] as bigint) ^ (a[x + 10] as bigint) ^ (a[x + 15] as bigint) ^ (a[x + 20] as bigint));
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] as bigint) ^ rotl(c[(x + 1) % 5] as bigint, 1);
      for (let y = 0; y < 5; y++) a[x + 5 * y] = (a[x + 5 * y] as bigint) ^ d;
    }
    const b = new Array<bigint>(25).fill(0n);
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y] as bigint, KECCAK_ROT[x]?.[y] ?? 0);
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        a[x + 5 * y] = (b[x + 5 * y] as bigint) ^ (~(b[((x + 1) % 5) + 5 * y] as bigint) & MASK64 & (b[((x + 2) % 5) + 5 * y] as bigint));
      }
    }
    a[0] = (a[0] as bigint) ^ rc;
  }
}

/** Keccak-256 of an ASCII string, as lower-case hex. */
export function keccak256(text: string): string {
  const rate = 136;
  const input = [...Buffer.from(text, 'ascii')];
  input.push(0x01);
  while (input.length % rate !== 0) input.push(0);
  input[input.length - 1] = (input[input.length - 1] as number) | 0x80;
  const state = new Array<bigint>(25).fill(0n);
  for (let block = 0; block < input.length; block += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(input[block + i * 8 + k] as number);
      state[i] = (state[i] as bigint) ^ lane;
    }
    keccakF(state);
  }
  let out = '';
  for (let i = 0; i < 4; i++) {
    const lane = state[i] as bigint;
    for (let k = 0; k < 8; k++) out += Number((lane >> BigInt(8 * k)) & 0xffn).toString(16).padStart(2, '0');
  }
  return out;
}

function eip55(hexLower: string): string {
  const hash = keccak256(hexLower);
  return `0x${[...hexLower].map((c, i) => (parseInt(hash.charAt(i), 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
}

export function ethereum(rng: Rng): Ident {
  const hex = Buffer.from(rng.bytes(20)).toString('hex');
  const raw = rng.chance(0.6) ? eip55(hex) : `0x${hex}`;
  return { type: 'ethereum', raw, value: `0x${hex}` };
}

/** An EIP-55 address with one letter's case flipped: the checksum no longer holds. */
export function ethereumLookalike(rng: Rng): Lookalike {
  for (;;) {
    const checksummed = eip55(Buffer.from(rng.bytes(20)).toString('hex'));
    const letters = [...checksummed].map((c, i) => (i >= 2 && /[a-fA-F]/.test(c) ? i : -1)).filter((i) => i >= 0);
    if (letters.length < 2) continue;
    const p = rng.pick(letters);
    const c = checksummed.charAt(p);
    const bad = checksummed.slice(0, p) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + checksummed.slice(p + 1);
    const hex = bad.slice(2);
    if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) continue; // all one case has no checksum
    return { looksLike: 'ethereum', raw: bad, reason: 'feil EIP-55-sjekksum' };
  }
}

// ---------------------------------------------------------------------------------------------
// Dates and times

export const MONTH_NAMES = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'];
const ENGLISH_MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ENGLISH_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_NB = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];

export interface Moment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function moment(rng: Rng): Moment {
  const year = rng.weighted([
    [2025, 2],
    [2026, 3],
  ]);
  const month = rng.int(1, 12);
  const day = rng.int(1, month === 2 ? 28 : 30);
  return { year, month, day, hour: rng.int(0, 23), minute: rng.pick([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, rng.int(0, 59)]) };
}

const isoDate = (m: Moment): string => `${m.year}-${pad2(m.month)}-${pad2(m.day)}`;
const isoTime = (m: Moment): string => `${pad2(m.hour)}:${pad2(m.minute)}`;

/** Styles of writing a date or time; `english` texts use the numeric and ISO ones only. */
export type DateStyle = 'named-time' | 'named' | 'english-named' | 'dotted-short' | 'dotted-long' | 'slash-dash' | 'iso' | 'iso-time' | 'time' | 'time-compact' | 'dotted-time';

export function datetime(rng: Rng, language: 'nb' | 'nn' | 'en', at = moment(rng), style?: DateStyle): Ident {
  const chosen: DateStyle =
    style ??
    (language === 'en'
      ? rng.weighted([
          ['dotted-long', 3],
          ['english-named', 2],
          ['iso', 2],
          ['iso-time', 2],
        ] as const)
      : rng.weighted([
          ['named-time', 3],
          ['named', 2],
          ['dotted-short', 2],
          ['dotted-long', 2],
          ['slash-dash', 1],
          ['iso', 0.5],
          ['time', 3],
          ['time-compact', 1],
          ['dotted-time', 2],
        ] as const));
  const kl = language === 'nn' ? rng.pick(['kl.', 'klokka', 'kl']) : rng.pick(['kl.', 'kl.', 'kl', 'klokken']);
  const monthName = rng.chance(0.8) ? (MONTH_NAMES[at.month - 1] as string) : `${MONTH_ABBREVIATIONS[at.month - 1] as string}.`;
  const timeSep = rng.chance(0.6) ? '.' : ':';
  const t = `${pad2(at.hour)}${timeSep}${pad2(at.minute)}`;
  switch (chosen) {
    case 'named-time':
      return { type: 'tidspunkt', raw: `${at.day}. ${monthName} ${at.year} ${kl} ${t}`, value: `${isoDate(at)}T${isoTime(at)}` };
    case 'named':
      return { type: 'tidspunkt', raw: `${at.day}. ${monthName} ${at.year}`, value: isoDate(at) };
    case 'english-named':
      return { type: 'tidspunkt', raw: `${at.day} ${ENGLISH_MONTH_NAMES[at.month - 1] as string} ${at.year}`, value: isoDate(at) };
    case 'dotted-short':
      return { type: 'tidspunkt', raw: `${pad2(at.day)}.${pad2(at.month)}.${pad2(at.year % 100)}`, value: isoDate(at) };
    case 'dotted-long':
      return { type: 'tidspunkt', raw: rng.chance(0.5) ? `${pad2(at.day)}.${pad2(at.month)}.${at.year}` : `${at.day}.${at.month}.${at.year}`, value: isoDate(at) };
    case 'slash-dash':
      return { type: 'tidspunkt', raw: `${at.day}/${at.month}-${at.year}`, value: isoDate(at) };
    case 'iso':
      return { type: 'tidspunkt', raw: isoDate(at), value: isoDate(at) };
    case 'iso-time':
      return { type: 'tidspunkt', raw: `${isoDate(at)}T${isoTime(at)}`, value: `${isoDate(at)}T${isoTime(at)}` };
    case 'time':
      return { type: 'tidspunkt', raw: `${kl} ${t}`, value: isoTime(at) };
    case 'time-compact':
      // Police and guard notes write "kl. 0230".
      return { type: 'tidspunkt', raw: `${rng.pick(['kl.', 'kl'])} ${pad2(at.hour)}${pad2(at.minute)}`, value: isoTime(at) };
    case 'dotted-time':
      return { type: 'tidspunkt', raw: `${pad2(at.day)}.${pad2(at.month)}.${at.year} ${kl} ${t}`, value: `${isoDate(at)}T${isoTime(at)}` };
  }
}

/** The "Sendt:"/"Date:" line of an e-mail header, as Outlook (Norwegian) or a MIME header writes it. */
export function headerDate(rng: Rng, language: 'nb' | 'nn' | 'en', at = moment(rng)): { prefix: string; ident: Ident } {
  const weekday = new Date(Date.UTC(at.year, at.month - 1, at.day)).getUTCDay();
  if (language === 'en') {
    const seconds = rng.int(0, 59);
    return {
      prefix: `${ENGLISH_WEEKDAYS[weekday] as string}, `,
      ident: {
        type: 'tidspunkt',
        raw: `${at.day} ${ENGLISH_MONTHS[at.month - 1] as string} ${at.year} ${isoTime(at)}:${pad2(seconds)}`,
        value: `${isoDate(at)}T${isoTime(at)}:${pad2(seconds)}`,
      },
    };
  }
  return {
    prefix: `${WEEKDAYS_NB[weekday] as string} `,
    ident: { type: 'tidspunkt', raw: `${at.day}. ${MONTH_NAMES[at.month - 1] as string} ${at.year} ${isoTime(at)}`, value: `${isoDate(at)}T${isoTime(at)}` },
  };
}

/** A date that does not exist (30 February, 31 April, 29 February in a common year). */
export function dateLookalike(rng: Rng): Lookalike {
  const [day, month, year] = rng.pick([
    [30, 2, 2026],
    [31, 2, 2026],
    [29, 2, 2025],
    [31, 4, 2026],
    [31, 6, 2025],
    [31, 9, 2026],
    [31, 11, 2025],
  ] as const);
  const raw = rng.chance(0.6) ? `${pad2(day)}.${pad2(month)}.${year}` : `${day}. ${MONTH_NAMES[month - 1] as string} ${year}`;
  return { looksLike: 'tidspunkt', raw, reason: 'datoen finnes ikke' };
}
