/**
 * A report as blocks of labelled segments, rendered either as plain text (with the offsets of every
 * label into the normalised text) or as an HTML e-mail. Noise — zero-width characters, no-break
 * spaces, full-width digits, decomposed letters, ligatures, soft hyphens, CRLF, a BOM — is added to
 * the *wire* text only: the generator keeps the *clean* text (what normalisation must give back) in
 * step, so labels point into the normalised body. near-duplicate edits work on the blocks.
 */
import type { Ident, Lookalike } from './identifiers';
import type { Rng } from './rng';

export type Segment =
  | { kind: 'text'; text: string }
  /** `inner`: identifiers inside this one (a bitcoin address in an explorer URL), at offsets into `ident.raw`. */
  | { kind: 'entity'; ident: Ident; inner?: Array<{ at: number; ident: Ident }> }
  | { kind: 'negative'; look: Lookalike }
  /** A link whose target is not its text: plain text shows "text <target>", as htmlToText renders <a href>. */
  | { kind: 'link'; text: string; target: Ident };

export interface Block {
  /** `paragraph`: an empty line before it; `line`: a line break before it. */
  role: 'paragraph' | 'line';
  segments: Segment[];
  /** Quote depth of a quoted reply ("> " per level in plain text, <blockquote> in HTML). */
  quoted?: number;
}

export interface Doc {
  blocks: Block[];
}

export interface GoldEntity {
  type: Ident['type'];
  value: string;
  /** As it appears in the normalised body. */
  raw: string;
  /** Offsets into normalizeText(body), plain-text reports only. */
  start?: number;
  end?: number;
}

export interface GoldNegative {
  looksLike: Lookalike['looksLike'];
  raw: string;
  reason: string;
  start?: number;
  end?: number;
}

/** How much noise a rendering gets; every field is a probability per occasion. */
export interface Noise {
  zeroWidthInEntity: number;
  nbspInEntity: number;
  fullwidthEntity: number;
  decomposedLetters: number;
  ligature: number;
  softHyphen: number;
  crlf: boolean;
  bom: boolean;
}

export const QUIET: Noise = { zeroWidthInEntity: 0, nbspInEntity: 0, fullwidthEntity: 0, decomposedLetters: 0, ligature: 0, softHyphen: 0, crlf: false, bom: false };

export function randomNoise(rng: Rng): Noise {
  const messy = rng.chance(0.45);
  return {
    zeroWidthInEntity: messy ? 0.25 : 0,
    nbspInEntity: messy ? 0.3 : 0.05,
    fullwidthEntity: messy ? 0.06 : 0,
    decomposedLetters: messy && rng.chance(0.4) ? 0.5 : 0,
    ligature: messy && rng.chance(0.3) ? 0.5 : 0,
    softHyphen: messy && rng.chance(0.3) ? 0.3 : 0,
    crlf: rng.chance(0.25),
    bom: rng.chance(0.04),
  };
}

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

/** Characters NFKC changes or normalizeText removes must not appear in clean text. */
// U+034F (a combining mark) stands outside the class, as in normalize.ts.
const NOT_CLEAN = /\u034F|[\u00A0\u00AD\u180E\u200B-\u200D\u2060-\u2064\u202F\uFEFF\r]/;

function toFullwidth(s: string): string {
  return s.replace(/[0-9@+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function noisyIdentifier(rng: Rng, raw: string, noise: Noise): string {
  let s = raw;
  if (rng.chance(noise.fullwidthEntity)) s = toFullwidth(s);
  if (s.includes(' ') && rng.chance(noise.nbspInEntity)) s = s.replace(/ /g, () => (rng.chance(0.8) ? '\u00A0' : '\u202F'));
  if (s.length > 3 && rng.chance(noise.zeroWidthInEntity)) {
    const at = rng.int(1, s.length - 1);
    // Never between a surrogate pair (there are none in identifiers, but keep the rule honest).
    s = s.slice(0, at) + rng.pick(ZERO_WIDTH) + s.slice(at);
  }
  return s;
}

function noisyProse(rng: Rng, text: string, noise: Noise): string {
  let s = text;
  if (noise.decomposedLetters > 0) s = s.replace(/[åéÅ]/g, (c) => (rng.chance(noise.decomposedLetters) ? c.normalize('NFD') : c));
  if (noise.ligature > 0) s = s.replace(/fi|fl/g, (m) => (rng.chance(noise.ligature) ? (m === 'fi' ? '\uFB01' : '\uFB02') : m));
  if (noise.softHyphen > 0) s = s.replace(/\p{L}{10,}/gu, (w) => (rng.chance(noise.softHyphen) ? `${w.slice(0, 5)}\u00AD${w.slice(5)}` : w));
  return s;
}

export interface Rendered {
  body: string;
  entities: GoldEntity[];
  negatives: GoldNegative[];
}

/** Plain text: labels carry offsets into the clean (normalised) text. */
export function renderText(doc: Doc, rng: Rng, noise: Noise): Rendered & { clean: string } {
  let clean = '';
  let wire = noise.bom ? '\uFEFF' : '';
  const entities: GoldEntity[] = [];
  const negatives: GoldNegative[] = [];
  const emit = (cleanPart: string, wirePart: string): void => {
    clean += cleanPart;
    wire += wirePart;
  };
  doc.blocks.forEach((block, i) => {
    if (i > 0) emit(block.role === 'paragraph' ? '\n\n' : '\n', block.role === 'paragraph' ? '\n\n' : '\n');
    if (block.quoted) emit('> '.repeat(block.quoted), '> '.repeat(block.quoted));
    for (const segment of block.segments) {
      if (segment.kind === 'text') {
        emit(segment.text, noisyProse(rng, segment.text, noise));
      } else if (segment.kind === 'entity') {
        const start = clean.length;
        emit(segment.ident.raw, segment.inner ? segment.ident.raw : noisyIdentifier(rng, segment.ident.raw, noise));
        entities.push({ type: segment.ident.type, value: segment.ident.value, raw: segment.ident.raw, start, end: clean.length });
        for (const inner of segment.inner ?? []) {
          const s = start + inner.at;
          entities.push({ type: inner.ident.type, value: inner.ident.value, raw: inner.ident.raw, start: s, end: s + inner.ident.raw.length });
        }
      } else if (segment.kind === 'negative') {
        const start = clean.length;
        emit(segment.look.raw, noisyIdentifier(rng, segment.look.raw, { ...noise, zeroWidthInEntity: noise.zeroWidthInEntity / 2 }));
        negatives.push({ looksLike: segment.look.looksLike, raw: segment.look.raw, reason: segment.look.reason, start, end: clean.length });
      } else {
        emit(`${segment.text} <`, `${segment.text} <`);
        const start = clean.length;
        emit(segment.target.raw, segment.target.raw);
        entities.push({ type: segment.target.type, value: segment.target.value, raw: segment.target.raw, start, end: clean.length });
        emit('>', '>');
      }
    }
  });
  if (NOT_CLEAN.test(clean)) throw new Error(`clean text contains a character normalisation changes: ${JSON.stringify(clean.slice(0, 80))}`);
  if (clean.normalize('NFKC') !== clean) throw new Error(`clean text is not NFKC-stable: ${JSON.stringify(clean.slice(0, 80))}`);
  if (noise.crlf) wire = wire.replace(/\n/g, '\r\n');
  entities.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || (b.end ?? 0) - (a.end ?? 0));
  return { body: wire, clean, entities, negatives };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const LETTER_REFERENCES: Record<string, string> = { æ: '&aelig;', ø: '&oslash;', å: '&aring;', Æ: '&AElig;', Ø: '&Oslash;', Å: '&Aring;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * An HTML e-mail as Outlook or a webmail writes it: a style block, paragraphs, <br> lines, a
 * blockquote for the quoted reply, character references for Norwegian letters and &nbsp; inside
 * numbers. Labels carry `raw` only: offsets depend on htmlToText's white-space choices.
 */
export function renderHtml(doc: Doc, rng: Rng, noise: Noise): Rendered {
  const outlook = rng.chance(0.5);
  const entities: GoldEntity[] = [];
  const negatives: GoldNegative[] = [];
  const letterRefs = rng.chance(0.5);
  const prose = (text: string): string => {
    const escaped = escapeHtml(noisyProse(rng, text, noise));
    return letterRefs ? escaped.replace(/[æøåÆØÅ]/g, (c) => LETTER_REFERENCES[c] ?? c) : escaped;
  };
  const identifier = (raw: string): string => {
    let s = escapeHtml(raw);
    if (s.includes(' ') && rng.chance(noise.nbspInEntity * 2)) s = s.replace(/ /g, '&nbsp;');
    if (s.length > 3 && rng.chance(noise.zeroWidthInEntity)) {
      const at = rng.int(1, s.length - 1);
      if (!/&[a-z]*$/.test(s.slice(0, at))) s = `${s.slice(0, at)}&#8203;${s.slice(at)}`;
    }
    return s;
  };
  const segmentHtml = (segment: Segment): string => {
    if (segment.kind === 'text') return prose(segment.text);
    if (segment.kind === 'entity') {
      entities.push({ type: segment.ident.type, value: segment.ident.value, raw: segment.ident.raw });
      for (const inner of segment.inner ?? []) entities.push({ type: inner.ident.type, value: inner.ident.value, raw: inner.ident.raw });
      if (segment.ident.type === 'email' && rng.chance(0.5)) return `<a href="mailto:${escapeHtml(segment.ident.raw)}">${escapeHtml(segment.ident.raw)}</a>`;
      if (segment.ident.type === 'url' && /^https?:/.test(segment.ident.raw) && rng.chance(0.5)) {
        return `<a href="${escapeHtml(segment.ident.raw)}">${escapeHtml(segment.ident.raw)}</a>`;
      }
      return segment.inner ? escapeHtml(segment.ident.raw) : identifier(segment.ident.raw);
    }
    if (segment.kind === 'negative') {
      negatives.push({ looksLike: segment.look.looksLike, raw: segment.look.raw, reason: segment.look.reason });
      return identifier(segment.look.raw);
    }
    entities.push({ type: segment.target.type, value: segment.target.value, raw: segment.target.raw });
    const href = segment.target.type === 'email' ? `mailto:${segment.target.raw}` : segment.target.raw;
    return `<a href="${escapeHtml(href)}">${prose(segment.text)}</a>`;
  };
  const parts: string[] = [];
  parts.push(
    outlook
      ? '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style></head><body lang="NO-BOK"><div class="WordSection1">'
      : '<div dir="ltr">',
  );
  let quoteDepth = 0;
  let openLines = false;
  const closeLines = (): void => {
    if (openLines) parts.push('</div>');
    openLines = false;
  };
  for (const block of doc.blocks) {
    const depth = block.quoted ?? 0;
    if (depth !== quoteDepth) {
      closeLines();
      while (quoteDepth < depth) {
        parts.push('<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">');
        quoteDepth++;
      }
      while (quoteDepth > depth) {
        parts.push('</blockquote>');
        quoteDepth--;
      }
    }
    const inner = block.segments.map(segmentHtml).join('');
    if (block.role === 'paragraph') {
      closeLines();
      parts.push(outlook ? `<p class="MsoNormal">${inner}<o:p></o:p></p>` : `<div>${inner}</div><div><br></div>`);
    } else if (openLines) {
      parts.push(`<br>${inner}`);
    } else {
      parts.push(`<div>${inner}`);
      openLines = true;
    }
  }
  closeLines();
  while (quoteDepth-- > 0) parts.push('</blockquote>');
  parts.push(outlook ? '</div></body></html>' : '</div>');
  let html = parts.join(noise.crlf ? '\r\n' : '\n');
  if (noise.bom) html = `\uFEFF${html}`;
  return { body: html, entities, negatives };
}

// ---------------------------------------------------------------------------------------------
// Building blocks

export function text(s: string): Segment {
  return { kind: 'text', text: s };
}

export function entity(ident: Ident): Segment {
  return { kind: 'entity', ident };
}

export function negative(look: Lookalike): Segment {
  return { kind: 'negative', look };
}

/** Segments of a template with one `{}` slot filled by `slot`. */
export function fill(template: string, slot: Segment): Segment[] {
  const at = template.indexOf('{}');
  if (at < 0) throw new Error(`template without a slot: ${template}`);
  const out: Segment[] = [];
  if (at > 0) out.push(text(template.slice(0, at)));
  out.push(slot);
  if (at + 2 < template.length) out.push(text(template.slice(at + 2)));
  return out;
}

export function paragraph(...segments: Segment[]): Block {
  return { role: 'paragraph', segments: mergeText(segments) };
}

export function line(...segments: Segment[]): Block {
  return { role: 'line', segments: mergeText(segments) };
}

/** Joins neighbouring text segments, so that edits and noise see whole sentences. */
export function mergeText(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (s.kind === 'text' && last?.kind === 'text') out[out.length - 1] = text(last.text + s.text);
    else if (!(s.kind === 'text' && s.text === '')) out.push(s);
  }
  return out;
}

export function cloneDoc(doc: Doc): Doc {
  return { blocks: doc.blocks.map((b) => ({ ...b, segments: b.segments.map((s) => ({ ...s })) })) };
}
