import { makeDocx, makeEml, makePdf, makeZip } from '@mottak/test-kit';
import { createDocumentReader } from './document-reader';
import { fallbackParse } from './email-parser';

const reader = createDocumentReader();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('PDF text (pdf.js legacy build)', () => {
  it('extracts the text of every line, Norwegian letters included', async () => {
    const result = await reader.extractText(makePdf(['Vedlegg til tips', 'Kontonummer 1234.56.78903 hos blåbærbanken']), 'application/pdf');
    expect(result).toEqual({ status: 'extracted', text: expect.stringContaining('Kontonummer 1234.56.78903 hos blåbærbanken'), truncated: false });
    expect(result.status === 'extracted' && result.text).toContain('Vedlegg til tips');
  });

  it('flags a password-protected PDF as encrypted', async () => {
    expect(await reader.extractText(makePdf(['Hemmelig'], { encrypted: true }), 'application/pdf')).toMatchObject({ status: 'failed', failure: 'encrypted' });
  });

  it('flags a damaged PDF as corrupt instead of throwing', async () => {
    const pdf = makePdf(['Avkuttet dokument']);
    expect(await reader.extractText(pdf.subarray(0, 40), 'application/pdf')).toMatchObject({ status: 'failed', failure: 'corrupt' });
    expect(await reader.extractText(Buffer.from('%PDF-1.7\n\u0000\u0001 ikke en pdf'), 'application/pdf')).toMatchObject({ status: 'failed' });
  });

  it('flags a PDF without text as empty', async () => {
    expect(await reader.extractText(makePdf([]), 'application/pdf')).toMatchObject({ status: 'failed', failure: 'empty' });
  });
});

describe('DOCX text (mammoth)', () => {
  it('extracts paragraphs', async () => {
    const result = await reader.extractText(makeDocx(['Første avsnitt', 'IBAN NO93 8601 1117 947 i vedlegget']), DOCX);
    expect(result).toMatchObject({ status: 'extracted', text: 'Første avsnitt\n\nIBAN NO93 8601 1117 947 i vedlegget' });
  });

  it('flags a zip that is no Word document, and garbage, as corrupt', async () => {
    expect(await reader.extractText(makeZip([{ name: 'word/document.xml', content: '<ikke xml' }]), DOCX)).toMatchObject({ status: 'failed', failure: 'corrupt' });
    expect(await reader.extractText(Buffer.from('PK\u0003\u0004søppel'), DOCX)).toMatchObject({ status: 'failed', failure: 'corrupt' });
  });

  it('answers other types as unsupported', async () => {
    expect(await reader.extractText(Buffer.from([0x89, 0x50]), 'image/png')).toMatchObject({ status: 'failed', failure: 'unsupported' });
  });
});

describe('e-mail parsing (mailparser)', () => {
  it('reads headers with encoded words, quoted-printable text, HTML and base64 attachments', async () => {
    const pdf = makePdf(['Vedlagt rapport']);
    const eml = makeEml({
      headers: {
        From: '=?utf-8?q?Bj=C3=B8rn_=C3=85s?= <bjorn.as@example.no>',
        To: 'Mottak <mottak@example.no>, kopi@example.no',
        Subject: '=?utf-8?b?VGlwcyBvbSBibMOlYsOmcg==?=',
        Date: 'Tue, 3 Mar 2026 14:30:00 +0100',
        'Message-ID': '<abc-123@example.no>',
      },
      text: 'Hei, her er et tips med æøå og en lang linje som må brytes med myke linjeskift fordi den er over syttiseks tegn.',
      html: '<p>Hei, her er et <b>tips</b></p>',
      parts: [{ contentType: 'application/pdf', filename: 'rapport.pdf', content: pdf }],
    });
    const parsed = await reader.parseEmail(eml);
    expect(parsed).toMatchObject({
      subject: 'Tips om blåbær',
      from: { name: 'Bjørn Ås', address: 'bjorn.as@example.no' },
      to: [{ name: 'Mottak', address: 'mottak@example.no' }, { address: 'kopi@example.no' }],
      date: '2026-03-03T13:30:00.000Z',
      messageId: '<abc-123@example.no>',
      text: expect.stringContaining('over syttiseks tegn.'),
      html: expect.stringContaining('<b>tips</b>'),
    });
    expect(parsed.headerCount).toBeGreaterThanOrEqual(6);
    expect(parsed.text).toContain('æøå');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: 'rapport.pdf', declaredType: 'application/pdf' });
    expect(Buffer.compare(parsed.attachments[0]?.content ?? Buffer.alloc(0), pdf)).toBe(0);
  });

  it('keeps a forwarded message (message/rfc822) as an attachment with its bytes', async () => {
    const inner = makeEml({ headers: { From: 'kilde@example.no', Subject: 'Opprinnelig melding' }, text: 'Innholdet i den videresendte meldingen.' });
    const outer = makeEml({
      headers: { From: 'kollega@example.no', Subject: 'Fwd: Opprinnelig melding' },
      text: 'Se vedlagt melding.',
      parts: [{ contentType: 'message/rfc822', filename: 'videresendt.eml', content: inner, encoding: '8bit' }],
    });
    const parsed = await reader.parseEmail(outer);
    expect(parsed.text).toContain('Se vedlagt melding.');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]?.declaredType).toBe('message/rfc822');
    expect(parsed.attachments[0]?.content.toString('utf8')).toContain('Innholdet i den videresendte meldingen.');
  });

  it('reads a broken multipart (no closing boundary, bad base64) as far as it goes', async () => {
    const eml = Buffer.from(
      'From: a@example.no\r\nSubject: Ødelagt\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTeksten før bruddet\r\n--b\r\nContent-Type: application/pdf; name="x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%ikke base64!!\r\n',
    );
    const parsed = await reader.parseEmail(eml);
    expect(parsed.subject).toBe('Ødelagt');
    expect(parsed.text).toContain('Teksten før bruddet');
  });

  it('finds no header in something that is not a message', async () => {
    expect((await reader.parseEmail(Buffer.from('Bare litt tekst uten hoder\nog en linje til'))).headerCount).toBe(0);
    expect(fallbackParse(Buffer.from('Subject: Hei\r\nFrom: x\r\n\r\nTekst'))).toMatchObject({ headerCount: 2, subject: 'Hei', text: 'Tekst' });
  });
});
