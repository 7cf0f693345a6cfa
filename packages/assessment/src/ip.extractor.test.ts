import { canonicalIPv6, ipv4Extractor, ipv6Extractor, isIPv4 } from './ip.extractor';

const v4 = (text: string) => ipv4Extractor.extract(text).map((e) => e.raw);
const v6 = (text: string) => ipv6Extractor.extract(text).map((e) => [e.raw, e.value]);

describe('ipv4Extractor', () => {
  it('finds dotted quads with exact offsets', () => {
    const text = 'Innlogging fra 192.168.10.254 og 8.8.8.8.';
    const found = ipv4Extractor.extract(text);
    expect(found.map((e) => [e.value, e.start, e.end])).toEqual([
      ['192.168.10.254', 15, 29],
      ['8.8.8.8', 33, 40],
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
  });

  it('rejects octets above 255 and leading zeros', () => {
    expect(v4('256.1.1.1 1.2.3.999 010.0.0.1')).toEqual([]);
  });

  it('does not take part of a longer dotted number or version string', () => {
    expect(v4('versjon 1.2.3.4.5')).toEqual([]);
    expect(v4('1.2.3')).toEqual([]);
    expect(v4('v1.2.3.4')).toEqual([]);
    expect(v4('host.10.0.0.1')).toEqual([]);
    expect(v4('10.0.0.1abc')).toEqual([]);
  });

  it('accepts an address followed by a port, a CIDR suffix or a full stop', () => {
    expect(v4('10.0.0.1:443, 10.0.0.0/8 og 127.0.0.1.')).toEqual(['10.0.0.1', '10.0.0.0/8', '127.0.0.1']);
  });

  it('validates dotted quads', () => {
    expect(isIPv4('0.0.0.0')).toBe(true);
    expect(isIPv4('255.255.255.255')).toBe(true);
    expect(isIPv4('1.2.3.04')).toBe(false);
  });
});

describe('ipv6Extractor', () => {
  it('finds full and compressed forms and canonicalises the value', () => {
    expect(v6('fra 2001:0DB8:0000:0000:0000:0000:0000:0001 og fe80::1')).toEqual([
      ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['fe80::1', 'fe80::1'],
    ]);
    expect(v6('::1 er localhost')).toEqual([['::1', '::1']]);
  });

  it('handles a label glued on with a colon and trailing punctuation', () => {
    expect(v6('IP:2001:db8::42. Neste')).toEqual([['2001:db8::42', '2001:db8::42']]);
    expect(v6('Adresse:2001:db8::1:')).toEqual([['2001:db8::1', '2001:db8::1']]);
  });

  it('keeps offsets exact', () => {
    const text = 'x [2001:db8::7]:443';
    const [e] = ipv6Extractor.extract(text);
    expect(e && text.slice(e.start, e.end)).toBe('2001:db8::7');
  });

  it('finds IPv4-mapped addresses', () => {
    expect(v6('::ffff:10.0.0.1')).toEqual([['::ffff:10.0.0.1', '::ffff:a00:1']]);
  });

  it('rejects times, MAC addresses, bare :: and hex words', () => {
    expect(v6('kl 12:30:45, MAC 00:1a:2b:3c:4d:5e, C++ :: og dead::beef')).toEqual([]);
  });

  it('rejects addresses glued to letters on the right', () => {
    expect(v6('2001:db8::1xyz')).toEqual([]);
  });

  it('canonicalises with the longest zero run compressed', () => {
    expect(canonicalIPv6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
  });
});
