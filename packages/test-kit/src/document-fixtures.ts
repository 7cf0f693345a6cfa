import { crc32 } from 'node:zlib';

/**
 * Small, real documents for tests, made here rather than committed as binaries: a one-page PDF
 * with text (and one whose standard security handler needs a password), a DOCX (a zip with
 * word/document.xml) and e-mail messages. Each is a valid file its reader opens; the tests then
 * prove what Mottak does with it.
 */

function pdfString(text: string): string {
  return `(${text.replace(/([\\()])/g, '\\$1')})`;
}

/** A one-page PDF whose text is `lines` (Helvetica, WinAnsi: Latin-1 letters such as æøå work). */
export function makePdf(lines: readonly string[], options: { encrypted?: boolean } = {}): Buffer {
  const stream = ['BT', '/F1 12 Tf', '72 720 Td', '14 TL', ...lines.map((line) => `${pdfString(line)} '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  if (options.encrypted) {
    // The standard security handler (RC4, revision 2) with an owner/user entry no empty password opens.
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  const encrypt = options.encrypted ? ` /Encrypt ${objects.length} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A zip archive of `entries`, stored without compression (every zip reader opens it). */
export function makeZip(entries: ReadonlyArray<{ name: string; content: string | Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : entry.content;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Word document (DOCX) with one paragraph per entry of `paragraphs`. */
export function makeDocx(paragraphs: readonly string[]): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`).join('');
  return makeZip([
    {
      name: '[Content_Types].xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    },
  ]);
}

/** One MIME part of a message built by `makeEml`. */
export interface EmlPart {
  contentType: string;
  /** Sent as base64 (files) unless `encoding` says quoted-printable or 8bit. */
  content: string | Buffer;
  encoding?: 'base64' | 'quoted-printable' | '8bit';
  filename?: string;
}

function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** Quoted-printable as a mail client writes it: soft line breaks at 76, non-ASCII bytes as =XX. */
export function quotedPrintable(text: string): string {
  const lines = Buffer.from(text, 'utf8')
    .toString('latin1')
    .split('\n')
    .map((line) => {
      let encoded = '';
      for (const char of line.replace(/\r$/, '')) {
        const code = char.charCodeAt(0);
        encoded += code > 126 || code === 61 || (code < 32 && code !== 9) ? `=${code.toString(16).toUpperCase().padStart(2, '0')}` : char;
      }
      const out: string[] = [];
      while (encoded.length > 75) {
        let cut = 75;
        // Never split an =XX escape.
        if (encoded[cut - 1] === '=') cut -= 1;
        else if (encoded[cut - 2] === '=') cut -= 2;
        out.push(`${encoded.slice(0, cut)}=`);
        encoded = encoded.slice(cut);
      }
      out.push(encoded);
      return out.join('\r\n');
    });
  return lines.join('\r\n');
}

/**
 * An RFC 5322 message with CRLF line ends: `headers` first, then either one text part
 * (`text`), or multipart/mixed with `parts` (an `alternative` pair of text and HTML first when both
 * are given).
 */
export function makeEml(options: {
  headers: Record<string, string>;
  text?: string;
  html?: string;
  textEncoding?: 'quoted-printable' | 'base64' | '8bit';
  parts?: readonly EmlPart[];
}): Buffer {
  const head = Object.entries({ 'MIME-Version': '1.0', ...options.headers }).map(([name, value]) => `${name}: ${value}`);
  const encodeText = (text: string, encoding: EmlPart['encoding']): string =>
    encoding === 'base64' ? base64Lines(Buffer.from(text, 'utf8')) : encoding === 'quoted-printable' ? quotedPrintable(text) : text.replace(/\r?\n/g, '\r\n');
  const textPart = (type: string, text: string): string =>
    [`Content-Type: ${type}; charset=utf-8`, `Content-Transfer-Encoding: ${options.textEncoding ?? 'quoted-printable'}`, '', encodeText(text, options.textEncoding ?? 'quoted-printable')].join('\r\n');
  let alternative: string | undefined;
  if (options.text !== undefined && options.html !== undefined) {
    const boundary = 'alt-boundary-42';
    alternative = [`Content-Type: multipart/alternative; boundary="${boundary}"`, '', `--${boundary}`, textPart('text/plain', options.text), `--${boundary}`, textPart('text/html', options.html), `--${boundary}--`, ''].join('\r\n');
  } else if (options.text !== undefined) {
    alternative = textPart('text/plain', options.text);
  } else if (options.html !== undefined) {
    alternative = textPart('text/html', options.html);
  }
  if (!options.parts || options.parts.length === 0) return Buffer.from([...head, alternative ?? 'Content-Type: text/plain\r\n\r\n'].join('\r\n'), 'utf8');
  const boundary = 'mixed-boundary-7';
  const parts = options.parts.map((part) => {
    const encoding = part.encoding ?? 'base64';
    const content = typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : part.content;
    return [
      `Content-Type: ${part.contentType}${part.filename ? `; name="${part.filename}"` : ''}`,
      `Content-Transfer-Encoding: ${encoding}`,
      ...(part.filename ? [`Content-Disposition: attachment; filename="${part.filename}"`] : []),
      '',
      encoding === 'base64' ? base64Lines(content) : encoding === 'quoted-printable' ? quotedPrintable(content.toString('utf8')) : content.toString('utf8').replace(/\r?\n/g, '\r\n'),
    ].join('\r\n');
  });
  return Buffer.from(
    [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', 'Dette er en MIME-melding.', ...[alternative, ...parts].filter((p): p is string => p !== undefined).flatMap((p) => [`--${boundary}`, p]), `--${boundary}--`, ''].join('\r\n'),
    'utf8',
  );
}
