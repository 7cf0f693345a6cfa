import { makeDocx, makeEml, makePdf, makeZip } from '@mottak/test-kit';
import { extractAttachmentText } from './extract-attachment-text';
import { DOCX_TYPE, sniffContentType } from './sniff-content-type';

describe('sniffContentType: the type from the bytes, never the name', () => {
  it.each([
    ['PDF', makePdf(['x']), 'application/pdf'],
    ['DOCX', makeDocx(['x']), DOCX_TYPE],
    ['another zip', makeZip([{ name: 'data.csv', content: 'a;b' }]), 'application/zip'],
    ['PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image/png'],
    ['JPEG', Buffer.from('ffd8ffe000104a464946', 'hex'), 'image/jpeg'],
    ['GIF', Buffer.from('GIF89a\u0001\u0000', 'latin1'), 'image/gif'],
    ['OLE2 (old Office, encrypted OOXML)', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'application/x-cfb'],
    ['ELF', Buffer.from('7f454c46020101', 'hex'), 'application/x-executable'],
    ['UTF-8 text', Buffer.from('Blåbær og 🫐\r\nneste linje'), 'text/plain; charset=utf-8'],
    ['Latin-1 text', Buffer.from('Bl\u00e5b\u00e6r fra en gammel PC\n', 'latin1'), 'text/plain; charset=windows-1252'],
    ['HTML', Buffer.from('<!DOCTYPE html><html><body>Hei</body></html>'), 'text/html; charset=utf-8'],
    ['an e-mail message', makeEml({ headers: { From: 'a@example.no', Subject: 'Hei' }, text: 'Tekst' }), 'message/rfc822'],
    ['binary with NUL bytes', Buffer.from([0x41, 0x00, 0x42, 0x99, 0x00]), 'application/octet-stream'],
    ['empty', Buffer.alloc(0), 'application/octet-stream'],
  ])('%s', (_name, content, expected) => {
    expect(sniffContentType(content)).toBe(expected);
  });

  it('does not take a text that merely starts with a colon line for a message', () => {
    expect(sniffContentType(Buffer.from('Merk: dette er et notat\nuten e-posthoder\n'))).toBe('text/plain; charset=utf-8');
  });
});

describe('extractAttachmentText without a document reader', () => {
  it('decodes plain text in its charset and turns HTML into text', async () => {
    expect(await extractAttachmentText(undefined, Buffer.from('\uFEFFHei på deg\n'), 'text/plain; charset=utf-8')).toEqual({ status: 'extracted', text: 'Hei på deg', truncated: false });
    expect(await extractAttachmentText(undefined, Buffer.from('Bl\u00e5b\u00e6r\n', 'latin1'), 'text/plain; charset=windows-1252')).toMatchObject({ text: 'Blåbær' });
    expect(await extractAttachmentText(undefined, Buffer.from('<p>Ring <a href="tel:1">meg</a></p><script>x()</script>'), 'text/html; charset=utf-8')).toMatchObject({ text: 'Ring meg' });
  });

  it('flags images, encrypted Office files, empty text and unknown binaries instead of dropping them', async () => {
    expect(await extractAttachmentText(undefined, Buffer.from('89504e47', 'hex'), 'image/png')).toMatchObject({ status: 'failed', failure: 'unsupported' });
    const encrypted = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await extractAttachmentText(undefined, encrypted, 'application/x-cfb')).toMatchObject({ status: 'failed', failure: 'encrypted' });
    expect(await extractAttachmentText(undefined, Buffer.from('d0cf11e0a1b11ae1', 'hex'), 'application/x-cfb')).toMatchObject({ status: 'failed', failure: 'unsupported' });
    expect(await extractAttachmentText(undefined, Buffer.from('  \n '), 'text/plain; charset=utf-8')).toMatchObject({ status: 'failed', failure: 'empty' });
    expect(await extractAttachmentText(undefined, Buffer.from([0, 1, 2]), 'application/octet-stream')).toMatchObject({ status: 'failed', failure: 'unsupported' });
  });
});
