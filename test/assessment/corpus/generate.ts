/**
 * Generates the labelled corpus of the assessment benchmark (reports.jsonl next to this file):
 * synthetic reports in bokmål, nynorsk and English — tip-form reports, terse call notes, plain and
 * HTML e-mails with quoted replies and signatures, structured partner reports — with valid
 * identifiers (check digits computed in identifiers.ts), look-alikes that fail validation (labelled
 * "must not extract"), messy Unicode and labelled groups of exact and near duplicates.
 *
 * Deterministic: the same seed gives the same file, byte for byte (quality.test.ts checks that the
 * committed file is current). Regenerate after changing anything here:
 *   pnpm exec tsx --tsconfig tsconfig.base.json test/assessment/corpus/generate.ts
 */
import { writeFileSync } from 'node:fs';
import type { Channel } from '@mottak/domain';
import { CORPUS_PATH, type CorpusReport, type ReportKind, serializeCorpus } from './corpus';
import {
  type Block,
  cloneDoc,
  type Doc,
  entity,
  fill,
  line,
  mergeText,
  negative,
  type Noise,
  paragraph,
  QUIET,
  randomNoise,
  renderHtml,
  renderText,
  type Segment,
  text,
} from './document';
import * as id from './identifiers';
import type { Ident, Lookalike } from './identifiers';
import { BANKS, type Lang, type LanguageBank, type SlotType } from './phrases';
import { Rng } from './rng';

export const CORPUS_SEED = 20_260_303;

/** Base reports per kind; duplicates come on top. */
const BASE_COUNTS: Record<ReportKind, number> = { tip: 100, 'call-note': 55, 'e-mail': 60, 'e-mail-html': 40, partner: 35 };
const LANGUAGE_WEIGHTS: Record<ReportKind, Array<[Lang, number]>> = {
  tip: [['nb', 45], ['nn', 25], ['en', 30]],
  'call-note': [['nb', 65], ['nn', 22], ['en', 13]],
  'e-mail': [['nb', 50], ['nn', 17], ['en', 33]],
  'e-mail-html': [['nb', 50], ['nn', 15], ['en', 35]],
  partner: [['nb', 57], ['nn', 14], ['en', 29]],
};
const CHANNEL: Record<ReportKind, Channel> = { tip: 'tipsskjema', 'call-note': 'telefon', 'e-mail': 'e-post', 'e-mail-html': 'e-post', partner: 'partner' };
const DUPLICATE_GROUPS = 36;

/** What a report is about decides which identifiers it carries. */
const THEMES: Record<string, Array<[SlotType, number]>> = {
  surveillance: [['kjennemerke', 5], ['phone', 4], ['tidspunkt', 5], ['fodselsnummer', 2], ['email', 1], ['d-nummer', 1]],
  fraud: [['orgnr', 5], ['kontonummer', 5], ['iban', 4], ['betalingskort', 4], ['phone', 2], ['email', 2], ['url', 1], ['fodselsnummer', 2], ['amount', 1.5]],
  cyber: [['ipv4', 5], ['ipv6', 3], ['url', 4], ['domene', 3], ['email', 2], ['tidspunkt', 2], ['bitcoin', 1]],
  insider: [['fodselsnummer', 4], ['d-nummer', 3], ['h-nummer', 2.5], ['phone', 3], ['email', 2], ['tidspunkt', 2], ['kjennemerke', 1], ['kontonummer', 1]],
  ransom: [['bitcoin', 5], ['ethereum', 4], ['email', 2], ['url', 2], ['tidspunkt', 1], ['ipv4', 1], ['amount', 1]],
};
const ALL_TYPES: Array<[SlotType, number]> = [
  ['fodselsnummer', 3], ['d-nummer', 1.5], ['h-nummer', 1], ['orgnr', 2], ['kontonummer', 2], ['iban', 2], ['betalingskort', 2], ['phone', 4], ['email', 3],
  ['url', 3], ['domene', 2], ['ipv4', 2], ['ipv6', 1.5], ['kjennemerke', 2], ['bitcoin', 1.5], ['ethereum', 1.5], ['tidspunkt', 4],
];
/** Share of slots filled with a look-alike, for the types that have one. */
const LOOKALIKE_SHARE = 0.25;

type Slot = { type: SlotType; ident: Ident } | { type: SlotType; look: Lookalike };

/** Identifiers already used, so that some numbers recur across reports as they do in real intake. */
class Pool {
  private readonly idents: Ident[] = [];
  add(ident: Ident): Ident {
    this.idents.push(ident);
    return ident;
  }
  reuse(rng: Rng, type: SlotType): Ident | undefined {
    const same = this.idents.filter((i) => i.type === type);
    return same.length > 0 && rng.chance(0.07) ? rng.pick(same) : undefined;
  }
}

function newIdent(rng: Rng, type: SlotType, lang: Lang): Ident {
  switch (type) {
    case 'fodselsnummer':
    case 'd-nummer':
    case 'h-nummer':
      return id.identity(rng, type);
    case 'orgnr':
      return id.orgnr(rng);
    case 'kontonummer':
      return id.kontonummer(rng);
    case 'iban':
      return id.iban(rng);
    case 'betalingskort':
      return id.paymentCard(rng);
    case 'phone':
      return id.phone(rng);
    case 'email':
      return id.email(rng);
    case 'url':
      return id.url(rng);
    case 'domene':
      return id.domain(rng);
    case 'ipv4':
      return id.ipv4(rng);
    case 'ipv6':
      return id.ipv6(rng);
    case 'kjennemerke':
      return id.vehiclePlate(rng);
    case 'bitcoin':
      return id.bitcoin(rng);
    case 'ethereum':
      return id.ethereum(rng);
    case 'tidspunkt':
      return id.datetime(rng, lang);
    case 'amount':
      throw new Error('amounts are look-alikes only');
  }
}

function lookalikeFor(rng: Rng, type: SlotType): Lookalike | undefined {
  switch (type) {
    case 'fodselsnummer':
    case 'd-nummer':
    case 'h-nummer':
      return id.identityLookalike(rng, type);
    case 'orgnr':
      return id.orgnrLookalike(rng);
    case 'kontonummer':
      return id.kontonummerLookalike(rng);
    case 'iban':
      return id.ibanLookalike(rng);
    case 'betalingskort':
      return id.paymentCardLookalike(rng);
    case 'bitcoin':
      return id.bitcoinLookalike(rng);
    case 'ethereum':
      return id.ethereumLookalike(rng);
    case 'ipv4':
      return rng.chance(0.5) ? id.ipv4Lookalike(rng) : undefined;
    case 'ipv6':
      return rng.chance(0.4) ? id.macLookalike(rng) : undefined;
    case 'tidspunkt':
      return rng.chance(0.3) ? id.dateLookalike(rng) : undefined;
    case 'email':
      return rng.chance(0.25) ? id.emailLookalike(rng) : undefined;
    case 'amount':
      return id.amountLookalike(rng);
    default:
      return undefined;
  }
}

/** The prose rule of phrases.ts: nothing extractable outside a labelled slot. */
function checkProse(s: string): string {
  if (/(?<!\p{L})[0-9]|@|https?:|www\.|\bkl\.? ?$/iu.test(s)) throw new Error(`prose with something extractable: ${JSON.stringify(s)}`);
  return s;
}

class ReportBuilder {
  readonly bank: LanguageBank;
  readonly name: ReturnType<typeof id.personName>;
  readonly place: string;
  readonly object: string;
  readonly org: string;

  constructor(
    readonly rng: Rng,
    readonly lang: Lang,
    readonly pool: Pool,
    readonly theme: string,
  ) {
    this.bank = BANKS[lang];
    this.name = id.personName(rng);
    this.place = rng.pick(this.bank.places);
    this.object = rng.pick(this.bank.objects);
    this.org = rng.pick(this.bank.orgs);
  }

  /** A phrase with {place}/{object}/{name}/{org} filled in. */
  phrase(template: string): string {
    return checkProse(template)
      .replaceAll('{place}', this.place)
      .replaceAll('{object}', this.object)
      .replaceAll('{name}', this.name.display)
      .replaceAll('{org}', this.org);
  }

  slotType(): SlotType {
    return this.rng.chance(0.25) ? this.rng.weighted(ALL_TYPES) : this.rng.weighted(THEMES[this.theme] ?? ALL_TYPES);
  }

  slot(type: SlotType): Slot {
    if (type === 'amount' || this.rng.chance(LOOKALIKE_SHARE)) {
      const look = lookalikeFor(this.rng, type);
      if (look) return { type, look };
      if (type === 'amount') throw new Error('unreachable');
    }
    return { type, ident: this.ident(type) };
  }

  ident(type: SlotType): Ident {
    const reused = this.pool.reuse(this.rng, type);
    return reused ?? this.pool.add(newIdent(this.rng, type, this.lang));
  }

  /** A sentence carrying the slot, from the bank's templates for its type. */
  sentence(slot: Slot, templates: Partial<Record<SlotType, string[]>> = this.bank.entity): Segment[] {
    const options = templates[slot.type] ?? this.bank.entity[slot.type];
    const template = checkProse(this.rng.pick(options));
    return fill(template, 'ident' in slot ? entity(slot.ident) : negative(slot.look));
  }

  /** 1–2 observation sentences as text. */
  observations(n = this.rng.int(1, 2)): Segment[] {
    return this.rng.sample(this.bank.observations, n).map((o) => text(`${this.phrase(o)} `));
  }
}

function trimEnd(segments: Segment[]): Segment[] {
  const out = mergeText(segments);
  const last = out[out.length - 1];
  if (last?.kind === 'text') out[out.length - 1] = text(last.text.trimEnd());
  return out.filter((s) => !(s.kind === 'text' && s.text === ''));
}

/** Slot sentences grouped into paragraphs of one to three, with some prose between. */
function slotParagraphs(b: ReportBuilder, count: number): Block[] {
  const blocks: Block[] = [];
  let current: Segment[] = [];
  for (let i = 0; i < count; i++) {
    if (b.rng.chance(0.3)) current.push(...b.observations(1));
    current.push(...b.sentence(b.slot(b.slotType())), text(' '));
    if (current.length > 0 && (b.rng.chance(0.45) || i === count - 1)) {
      blocks.push(paragraph(...trimEnd(current)));
      current = [];
    }
  }
  return blocks;
}

function tipReport(b: ReportBuilder): { title: string; doc: Doc } {
  const blocks: Block[] = [paragraph(...trimEnd([text(`${b.phrase(b.rng.pick(b.bank.openings))} `), ...b.observations()]))];
  blocks.push(...slotParagraphs(b, b.rng.int(2, 6)));
  if (b.rng.chance(0.4)) blocks.push(paragraph(...trimEnd(b.observations(b.rng.int(1, 3)))));
  if (b.rng.chance(0.6)) blocks.push(paragraph(text(b.phrase(b.rng.pick(b.bank.closings)))));
  return { title: b.phrase(b.rng.pick(b.bank.tipTitles)), doc: { blocks } };
}

function callNote(b: ReportBuilder): { title: string; doc: Doc } {
  const timeIdent = id.datetime(b.rng, b.lang, undefined, b.rng.pick(b.lang === 'en' ? ['iso-time', 'dotted-long'] : ['time', 'time', 'time-compact', 'dotted-time']));
  const segments: Segment[] = [text(`${b.phrase(b.rng.pick(b.bank.call.openers))} `), entity(timeIdent), text('. ')];
  const fragments = b.rng.sample(b.bank.call.fragments, b.rng.int(2, 4));
  const slotCount = b.rng.int(1, 4);
  const callTypes = Object.keys(b.bank.call.entity) as SlotType[];
  for (let i = 0; i < Math.max(fragments.length, slotCount); i++) {
    if (i < fragments.length) segments.push(text(`${b.phrase(fragments[i] as string)} `));
    if (i < slotCount) {
      const type = b.rng.chance(0.75) ? b.rng.pick(callTypes) : b.slotType();
      segments.push(...b.sentence(b.slot(type), b.bank.call.entity), text(' '));
    }
  }
  if (b.rng.chance(0.6)) segments.push(text(b.phrase(b.rng.pick(b.bank.call.closers))));
  // Call notes are one block, or a few short lines.
  const doc: Doc = b.rng.chance(0.6) ? { blocks: [paragraph(...trimEnd(segments))] } : { blocks: splitLines(segments) };
  return { title: b.phrase(b.rng.pick(b.bank.callTitles)), doc };
}

/** Cuts a run of sentence segments into lines after full stops that end a text segment. */
function splitLines(segments: Segment[]): Block[] {
  const blocks: Block[] = [];
  let current: Segment[] = [];
  for (const s of mergeText(segments)) {
    if (s.kind === 'text') {
      const pieces = s.text.split(/(?<=\.) /);
      pieces.forEach((piece, i) => {
        if (piece !== '') current.push(text(piece));
        if (i < pieces.length - 1 && current.length > 0) {
          blocks.push(line(...trimEnd(current)));
          current = [];
        }
      });
    } else {
      current.push(s);
    }
  }
  if (current.length > 0) blocks.push(line(...trimEnd(current)));
  return blocks;
}

function signature(b: ReportBuilder, sender: Ident): Block[] {
  const blocks: Block[] = [line(text(b.rng.pick(b.bank.mail.signoffs))), line(text(b.name.display))];
  if (b.rng.chance(0.7)) blocks.push(line(text(b.rng.pick(b.bank.mail.jobTitles))), line(text(b.org)));
  const phoneLabel = b.lang === 'en' ? b.rng.pick(['Mobile: ', 'Tel: ', 'M: ', 'Phone ']) : b.rng.pick(['Tlf: ', 'Mob: ', 'Mobil ', 'T: ']);
  if (b.rng.chance(0.75)) blocks.push(line(text(phoneLabel), entity(b.ident('phone'))));
  if (b.rng.chance(0.3)) blocks.push(line(text(b.lang === 'en' ? 'Office: ' : 'Sentralbord: '), entity(b.ident('phone'))));
  if (b.rng.chance(0.6)) blocks.push(line(entity(sender)));
  if (b.rng.chance(0.35)) {
    const site = `${b.rng.pick(['', '', 'https://'])}www.${b.rng.pick(id.ORG_DOMAINS)}`;
    blocks.push(line(entity({ type: 'url', raw: site, value: id.urlValue(site) })));
  }
  if (b.rng.chance(0.25)) blocks.push(paragraph(text(checkProse(b.rng.pick(b.bank.mail.disclaimers)))));
  return blocks;
}

/** The quoted earlier message of a reply: Outlook style (header block) or Gmail style ("On … wrote:" and "> "). */
function quotedMessage(b: ReportBuilder, title: string, ownAddress: Ident): Block[] {
  const other = id.personName(b.rng);
  const otherAddress = b.pool.add(id.email(b.rng, other));
  const { prefix, ident: sent } = id.headerDate(b.rng, b.lang);
  const original: Block[] = [
    paragraph(text(b.rng.pick(b.bank.mail.greetings))),
    paragraph(...trimEnd([text(`${b.phrase(b.rng.pick(b.bank.openings))} `), ...b.sentence(b.slot(b.slotType())), text(' '), ...b.observations(1)])),
  ];
  if (b.rng.chance(0.5)) original.push(paragraph(...trimEnd(b.sentence(b.slot(b.slotType())))));
  original.push(line(text(b.rng.pick(b.bank.mail.signoffs))), line(text(other.display)));
  const labels = b.bank.mail.quoteLabels;
  if (b.rng.chance(0.5)) {
    return [
      paragraph(text(labels.separator)),
      line(text(`${labels.from} ${other.display} <`), entity(otherAddress), text('>')),
      line(text(`${labels.sent} ${prefix}`), entity(sent)),
      line(text(`${labels.to} `), entity(ownAddress)),
      line(text(`${labels.subject} ${title}`)),
      ...original,
    ];
  }
  const [before, after] = b.bank.mail.wrote;
  const at = id.datetime(b.rng, b.lang, undefined, b.lang === 'en' ? 'iso-time' : 'dotted-time');
  return [
    paragraph(text(`${before} `), entity(at), text(` ${after} ${other.display} <`), entity(otherAddress), text('>:')),
    ...original.map((block) => ({ ...block, quoted: 1 })),
  ];
}

function eMail(b: ReportBuilder): { title: string; doc: Doc } {
  const subject = b.phrase(b.rng.pick(b.bank.mailSubjects));
  const sender = b.pool.add(id.email(b.rng, b.name));
  const reply = b.rng.chance(0.4);
  const blocks: Block[] = [paragraph(text(b.rng.pick(b.bank.mail.greetings)))];
  blocks.push(paragraph(text(reply ? b.rng.pick(b.bank.mail.replies) : b.rng.pick(b.bank.mail.intros))));
  blocks.push(...slotParagraphs(b, b.rng.int(1, 4)));
  if (b.rng.chance(0.25)) {
    const target = b.pool.add(id.url(b.rng));
    const linkText = b.lang === 'en' ? 'click here' : b.lang === 'nn' ? 'klikk her' : b.rng.pick(['klikk her', 'Logg inn', 'Se vedlegg']);
    blocks.push(paragraph(text(b.lang === 'en' ? 'The message said: ' : 'Meldingen sa: '), { kind: 'link', text: linkText, target }));
  }
  if (b.rng.chance(0.5)) blocks.push(paragraph(text(b.phrase(b.rng.pick(b.bank.closings)))));
  if (b.rng.chance(0.15)) blocks.push(paragraph(text(b.rng.pick(b.bank.mail.mobile))));
  else blocks.push(...signature(b, sender).map((block, i) => (i === 0 ? { ...block, role: 'paragraph' as const } : block)));
  if (reply) blocks.push(...quotedMessage(b, subject, sender));
  return { title: reply ? `${b.lang === 'en' ? 'RE' : 'SV'}: ${subject}` : subject, doc: { blocks } };
}

function partnerReport(b: ReportBuilder): { title: string; doc: Doc } {
  const f = b.bank.fields;
  const blocks: Block[] = [line(text(`${f.time} `), entity(id.datetime(b.rng, b.lang, undefined, b.rng.pick(b.lang === 'en' ? ['iso-time', 'dotted-long'] : ['dotted-time', 'named-time', 'iso-time'])))), line(text(`${f.place} ${b.place}`))];
  const list = (label: string, types: SlotType[], n: number): void => {
    const segments: Segment[] = [text(`${label} `)];
    for (let i = 0; i < n; i++) {
      if (i > 0) segments.push(text(i === n - 1 && b.rng.chance(0.5) ? (b.lang === 'en' ? ' and ' : ' og ') : ', '));
      const slot = b.slot(b.rng.pick(types));
      segments.push('ident' in slot ? entity(slot.ident) : negative(slot.look));
    }
    blocks.push(line(...segments));
  };
  if (b.rng.chance(0.5)) list(f.vehicle, ['kjennemerke'], b.rng.int(1, 2));
  if (b.rng.chance(0.6)) list(f.phone, ['phone'], b.rng.int(1, 3));
  if (b.theme === 'cyber' || b.rng.chance(0.3)) list(f.network, ['ipv4', 'ipv4', 'ipv6'], b.rng.int(1, 4));
  if (b.theme === 'fraud' || b.rng.chance(0.2)) list(f.account, ['kontonummer', 'iban'], b.rng.int(1, 2));
  if (b.theme === 'ransom') {
    const btc = b.ident('bitcoin');
    const explorer = `https://www.blockchain.com/btc/address/${btc.raw}`;
    blocks.push(line(text('BTC: '), { kind: 'entity', ident: { type: 'url', raw: explorer, value: id.urlValue(explorer) }, inner: [{ at: explorer.length - btc.raw.length, ident: btc }] }));
  }
  blocks.push(line(text(`${f.source} ${b.rng.pick(f.reliable)}`)));
  blocks.push(paragraph(text(f.summary)));
  blocks.push(line(...trimEnd([text(`${b.phrase(b.rng.pick(b.bank.openings))} `), ...b.observations()])));
  blocks.push(...slotParagraphs(b, b.rng.int(1, 3)));
  return { title: b.phrase(b.rng.pick(b.bank.partnerTitles)), doc: { blocks } };
}

interface Draft {
  kind: ReportKind;
  lang: Lang;
  title: string;
  doc: Doc;
  duplicate?: CorpusReport['duplicate'];
}

function render(draft: Draft, rng: Rng, noise: Noise): CorpusReport {
  const html = draft.kind === 'e-mail-html';
  const rendered = html ? renderHtml(draft.doc, rng, noise) : renderText(draft.doc, rng, noise);
  return {
    id: '',
    kind: draft.kind,
    channel: CHANNEL[draft.kind],
    language: draft.lang,
    format: html ? 'html' : 'text',
    title: draft.title,
    body: rendered.body,
    entities: rendered.entities,
    mustNotExtract: rendered.negatives,
    ...(draft.duplicate ? { duplicate: draft.duplicate } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

function textSegments(doc: Doc): Array<{ block: Block; index: number }> {
  const out: Array<{ block: Block; index: number }> = [];
  for (const block of doc.blocks) block.segments.forEach((s, index) => s.kind === 'text' && s.text.length > 25 && out.push({ block, index }));
  return out;
}

/** Swaps two neighbouring letters in a few longer words. */
function addTypos(rng: Rng, doc: Doc): boolean {
  const candidates = textSegments(doc);
  if (candidates.length === 0) return false;
  for (let n = rng.int(2, 3); n > 0; n--) {
    const { block, index } = rng.pick(candidates);
    const s = block.segments[index];
    if (s?.kind !== 'text') continue;
    const words = [...s.text.matchAll(/\p{L}{6,}/gu)];
    if (words.length === 0) continue;
    const w = rng.pick(words);
    const i = rng.int(1, w[0].length - 3);
    const swapped = w[0].slice(0, i) + w[0].charAt(i + 1) + w[0].charAt(i) + w[0].slice(i + 2);
    block.segments[index] = text(s.text.slice(0, w.index) + swapped + s.text.slice(w.index + w[0].length));
  }
  return true;
}

/** The same value written another way (spaces, grouping). */
function reformatted(ident: Ident): Ident | undefined {
  const digits = ident.value;
  switch (ident.type) {
    case 'phone':
      if (!digits.startsWith('+47')) return undefined;
      return { ...ident, raw: ident.raw.replace(/\s/g, '') === ident.raw ? `${digits.slice(3, 6)} ${digits.slice(6, 8)} ${digits.slice(8)}` : digits.slice(3) };
    case 'fodselsnummer':
    case 'd-nummer':
    case 'h-nummer':
      return { ...ident, raw: ident.raw.includes(' ') ? digits : `${digits.slice(0, 6)} ${digits.slice(6)}` };
    case 'kontonummer':
      return { ...ident, raw: ident.raw.includes('.') ? `${digits.slice(0, 4)} ${digits.slice(4, 6)} ${digits.slice(6)}` : `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}` };
    case 'iban':
      return { ...ident, raw: ident.raw.includes(' ') ? digits : (digits.match(/.{1,4}/g) ?? []).join(' ') };
    default:
      return undefined;
  }
}

function reformat(doc: Doc): boolean {
  let changed = false;
  for (const block of doc.blocks) {
    block.segments = block.segments.map((s) => {
      if (s.kind !== 'entity' || s.inner) return s;
      const other = reformatted(s.ident);
      if (!other) return s;
      changed = true;
      return { kind: 'entity', ident: other };
    });
  }
  return changed;
}

function reword(rng: Rng, doc: Doc, bank: LanguageBank): boolean {
  const hits: Array<{ block: Block; index: number; sentence: string }> = [];
  for (const block of doc.blocks) {
    block.segments.forEach((s, index) => {
      if (s.kind !== 'text') return;
      for (const o of bank.observations) if (s.text.includes(o)) hits.push({ block, index, sentence: o });
    });
  }
  if (hits.length === 0) return false;
  const hit = rng.pick(hits);
  const s = hit.block.segments[hit.index];
  if (s?.kind !== 'text') return false;
  hit.block.segments[hit.index] = text(s.text.replace(hit.sentence, rng.pick(bank.rewordings)));
  return true;
}

/** The words of a document, as contentHash compares them (case and white space folded). */
function foldedText(doc: Doc): string {
  return doc.blocks
    .flatMap((b) => b.segments.map((s) => (s.kind === 'text' ? s.text : s.kind === 'entity' ? s.ident.raw : s.kind === 'negative' ? s.look.raw : `${s.text} <${s.target.raw}>`)))
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A near duplicate of `original` with one or two edits, and the names of the edits made. */
function nearVariant(rng: Rng, original: Draft, pool: Pool): { draft: Draft; edits: string[] } {
  const bank = BANKS[original.lang];
  const doc = cloneDoc(original.doc);
  let title = original.title;
  const edits: string[] = [];
  const tries = rng.sample(['append', 'reword', 'typos', 'reformat', 'forward', 'truncate', 'drop'], 4);
  const appendUpdate = (): void => {
    doc.blocks.splice(Math.min(2, doc.blocks.length), 0, paragraph(text(checkProse(rng.pick(bank.updates)))));
    edits.push('append');
  };
  for (const edit of tries) {
    if (edits.length >= rng.int(1, 2)) break;
    if (edit === 'append' && !edits.includes('drop')) {
      appendUpdate();
    } else if (edit === 'reword' && reword(rng, doc, bank)) {
      edits.push(edit);
    } else if (edit === 'typos' && addTypos(rng, doc)) {
      edits.push(edit);
    } else if (edit === 'reformat' && reformat(doc)) {
      edits.push(edit);
    } else if (edit === 'forward' && (original.kind === 'e-mail' || original.kind === 'e-mail-html') && !edits.includes('truncate')) {
      const name = id.personName(rng);
      const { prefix, ident: sent } = id.headerDate(rng, original.lang);
      const labels = bank.mail.quoteLabels;
      doc.blocks.unshift(
        line(text(bank.mail.forwardSeparator)),
        line(text(`${labels.from} ${name.display} <`), entity(pool.add(id.email(rng, name))), text('>')),
        line(text(`${labels.sent} ${prefix}`), entity(sent)),
        line(text(`${labels.subject} ${original.title}`)),
        paragraph(text(rng.pick(bank.mail.greetings))),
      );
      title = `${bank.mail.forwardPrefix}${original.title}`;
      edits.push(edit);
    } else if (edit === 'truncate' && doc.blocks.length >= 6 && !edits.includes('forward')) {
      doc.blocks.splice(doc.blocks.length - rng.int(1, 2));
      edits.push(edit);
    } else if (edit === 'drop' && doc.blocks.length >= 4 && !edits.includes('append')) {
      doc.blocks.splice(rng.int(1, doc.blocks.length - 2), 1);
      edits.push(edit);
    }
  }
  // Every edit may find nothing to change (no observation to reword, no identifier to reformat);
  // a near duplicate must differ from its original, so add a sentence then.
  if (foldedText(doc) === foldedText(original.doc)) appendUpdate();
  return { draft: { ...original, doc, title }, edits };
}

/** The same content re-sent: other case in the title, extra spaces at line ends, other invisible noise. */
function exactVariant(rng: Rng, original: Draft): { draft: Draft; edits: string[] } {
  const doc = cloneDoc(original.doc);
  const edits = ['noise'];
  let title = original.title;
  if (rng.chance(0.4)) {
    title = rng.chance(0.5) ? title.toUpperCase() : title.toLowerCase();
    edits.push('title-case');
  }
  if (original.kind !== 'e-mail-html' && rng.chance(0.5)) {
    for (const block of doc.blocks) {
      const last = block.segments[block.segments.length - 1];
      if (last?.kind === 'text' && rng.chance(0.5)) block.segments[block.segments.length - 1] = text(`${last.text}  `);
    }
    edits.push('trailing-spaces');
  }
  return { draft: { ...original, doc, title }, edits };
}

// ---------------------------------------------------------------------------------------------

export function generateCorpus(seed = CORPUS_SEED): CorpusReport[] {
  const root = new Rng(seed);
  const pool = new Pool();
  const drafts: Draft[] = [];
  for (const [kind, count] of Object.entries(BASE_COUNTS) as Array<[ReportKind, number]>) {
    const rng = root.fork(kind);
    for (let i = 0; i < count; i++) {
      const lang = rng.weighted(LANGUAGE_WEIGHTS[kind]);
      const theme = rng.pick(Object.keys(THEMES));
      const b = new ReportBuilder(rng, lang, pool, theme);
      const built = kind === 'tip' ? tipReport(b) : kind === 'call-note' ? callNote(b) : kind === 'partner' ? partnerReport(b) : eMail(b);
      drafts.push({ kind, lang, ...built });
    }
  }

  const dupRng = root.fork('duplicates');
  const variants: Draft[] = [];
  dupRng.sample(drafts, DUPLICATE_GROUPS).forEach((original, g) => {
    const group = `d${String(g + 1).padStart(2, '0')}`;
    original.duplicate = { group, role: 'original', edits: [] };
    const n = dupRng.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ]);
    for (let i = 0; i < n; i++) {
      const exact = dupRng.chance(0.35);
      const { draft, edits } = exact ? exactVariant(dupRng, original) : nearVariant(dupRng, original, pool);
      variants.push({ ...draft, duplicate: { group, role: exact ? 'exact' : 'near', edits } });
    }
  });

  const renderRng = root.fork('render');
  const reports = [...drafts, ...variants].map((draft) => render(draft, renderRng, draft.duplicate?.role === 'exact' ? { ...randomNoise(renderRng), zeroWidthInEntity: 0.3 } : renderRng.chance(0.12) ? QUIET : randomNoise(renderRng)));
  const order = root.fork('order').sample(reports, reports.length);
  return order.map((report, i) => ({ ...report, id: `r${String(i + 1).padStart(4, '0')}` }));
}

if (require.main === module) {
  const reports = generateCorpus();
  writeFileSync(CORPUS_PATH, serializeCorpus(reports));
  const entities = reports.reduce((n, r) => n + r.entities.length, 0);
  const negatives = reports.reduce((n, r) => n + r.mustNotExtract.length, 0);
  process.stdout.write(`wrote ${reports.length} reports (${entities} entities, ${negatives} look-alikes) to ${CORPUS_PATH}\n`);
}
