/** Elements whose content is never text for a reader. */
const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'object', 'iframe']);
/** Elements that separate paragraphs: an empty line before and after. */
const PARAGRAPH = new Set(['blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ol', 'p', 'pre', 'table', 'ul']);
/** Other block elements: a line break before and after. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'body', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'header', 'html', 'li', 'main', 'nav', 'section', 'tbody', 'tfoot', 'thead', 'tr',
]);
/** Elements separated from their neighbours by a space (table cells). */
const CELL = new Set(['td', 'th']);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '\u00AD', zwsp: '\u200B', zwnj: '\u200C', zwj: '\u200D',
  aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', aring: 'å', Aring: 'Å', auml: 'ä', Auml: 'Ä', ouml: 'ö', Ouml: 'Ö',
  uuml: 'ü', Uuml: 'Ü', eacute: 'é', Eacute: 'É', egrave: 'è', aacute: 'á', oacute: 'ó', szlig: 'ß', ccedil: 'ç',
  ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', sect: '§', deg: '°', times: '×',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
};

const ENTITY = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

/** Decodes named (common set), decimal and hex character references; unknown names stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    // Invalid or surrogate code points decode to U+FFFD, as browsers do.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}

interface ScanState {
  quoteAware: boolean;
  /** Last answer of nextGt; -1 once there is no '>' left, so stray '<'s cost O(1) each. */
  gt: number | undefined;
}

/** Position of the next '>' at or after `from`, or -1; cached so that repeated lookups stay linear overall. */
function nextGt(html: string, from: number, state: ScanState): number {
  if (state.gt !== undefined && (state.gt === -1 || state.gt >= from)) return state.gt;
  state.gt = html.indexOf('>', from);
  return state.gt;
}

interface Tag {
  name: string;
  closing: boolean;
  attributes: string;
  end: number;
}

/**
 * Reads the tag starting at `start` (text[start] === '<'), or undefined when no '>' follows (the '<'
 * is then text). Quote-aware while quotes close; once an unclosed quote has been seen the rest of the
 * document is read quote-unaware, which keeps the whole conversion linear in the input.
 */
function readTag(html: string, start: number, state: ScanState): Tag | undefined {
  const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(start, start + 64));
  if (!m) return undefined;
  let i = start + m[0].length;
  let end = -1;
  if (state.quoteAware) {
    let quote = '';
    for (; i < html.length; i++) {
      const c = html[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        end = i;
        break;
      }
    }
    if (end < 0) state.quoteAware = false;
  }
  if (end < 0) end = nextGt(html, start + m[0].length, state);
  if (end < 0) return undefined;
  return { name: (m[2] ?? '').toLowerCase(), closing: m[1] === '/', attributes: html.slice(start + m[0].length, end), end: end + 1 };
}

function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  return m ? decodeHtmlEntities(m[1] ?? m[2] ?? m[3] ?? '').trim() : undefined;
}

/** A link whose target a reader cannot see ("klikk her") still names an identifier: keep http(s) and mailto targets. */
function linkTarget(href: string | undefined, linkText: string): string | undefined {
  if (href === undefined) return undefined;
  const target = /^mailto:/i.test(href) ? href.slice(7).split('?')[0] ?? '' : /^https?:\/\//i.test(href) ? href : '';
  if (target === '' || linkText.includes(target)) return undefined;
  return target;
}

/** Collects output; block boundaries ask for "at least n line breaks here", so nested blocks do not pile up empty lines. */
class TextSink {
  readonly parts: string[] = [];
  private pendingBreaks = 0;

  text(s: string): void {
    if (s === '') return;
    if (this.pendingBreaks > 0) {
      if (s.trim() === '') return; // white space between blocks
      if (this.parts.length > 0) this.parts.push('\n'.repeat(this.pendingBreaks));
      this.pendingBreaks = 0;
    }
    this.parts.push(s);
  }

  breaks(n: number): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, n);
  }

  /** `<br>`: each one is a line break, two in a row an empty line. */
  lineBreak(): void {
    this.pendingBreaks = Math.min(2, this.pendingBreaks + 1);
  }
}

/**
 * E-mail HTML bodies to plain text: script, style, head and comments dropped; paragraphs, lists and
 * tables separated by an empty line, other blocks and `<br>` by a line break, table cells by a space;
 * character references decoded; runs of white space collapsed as a browser would. Link targets not
 * shown in the link text are kept in angle brackets after it ("klikk her <https://…>"), because they
 * are evidence. Linear in the input; no dependency.
 */
export function htmlToText(html: string): string {
  const sink = new TextSink();
  const state: ScanState = { quoteAware: true, gt: undefined };
  let text = '';
  const flushText = (): void => {
    if (text) sink.text(decodeHtmlEntities(text).replace(/[ \t\n\r\f]+/g, ' '));
    text = '';
  };
  const links: { href: string | undefined; at: number }[] = [];
  const lower = html.toLowerCase();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const close = html.indexOf('>', lt);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, lt, state);
    if (!tag) {
      text += '<';
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (!tag.closing && DROPPED.has(tag.name)) {
      const close = lower.indexOf(`</${tag.name}`, i);
      const closeEnd = close < 0 ? -1 : html.indexOf('>', close);
      i = closeEnd < 0 ? html.length : closeEnd + 1;
      continue;
    }
    flushText();
    if (tag.name === 'br') {
      sink.lineBreak();
    } else if (PARAGRAPH.has(tag.name)) {
      sink.breaks(2);
    } else if (BLOCK.has(tag.name)) {
      sink.breaks(1);
      if (tag.name === 'li' && !tag.closing) sink.text('- ');
    } else if (CELL.has(tag.name)) {
      sink.text(' ');
    } else if (tag.name === 'a') {
      if (!tag.closing) {
        links.push({ href: attribute(tag.attributes, 'href'), at: sink.parts.length });
      } else {
        const link = links.pop();
        // Only short link texts are compared, so thousands of unclosed <a> tags cannot make this quadratic.
        const linkText = link && sink.parts.length - link.at <= 16 ? sink.parts.slice(link.at).join('') : '';
        const target = link ? linkTarget(link.href, linkText) : undefined;
        if (target !== undefined) sink.text(` <${target}>`);
      }
    } else if (tag.name === 'img') {
      const alt = attribute(tag.attributes, 'alt');
      if (alt) sink.text(` ${alt} `);
    }
  }
  flushText();
  return sink.parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
