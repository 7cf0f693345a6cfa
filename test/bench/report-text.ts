/**
 * Realistic partner reports for the benchmarks: about 1 KB of Norwegian text with the identifiers
 * the assessment looks for (phone numbers, e-mail, IP, URL, vehicle plates). Every report differs
 * (counter + run salt in the text, varied numbers), so duplicate detection and idempotency never
 * see the same content twice and the store's content-hash index behaves as in production.
 */

const PLACES = ['Oslo S', 'Gardermoen', 'Bergen havn', 'Trondheim sentrum', 'Stavanger lufthavn', 'Tromsø havn', 'Kristiansand ferjeterminal', 'Bodø', 'Drammen', 'Fredrikstad'];
const OBJECTS = ['kraftstasjonen', 'rådhuset', 'ambassaden', 'datasenteret', 'vannverket', 'militærleiren', 'havneterminalen', 'sykehuset', 'jernbanebroen', 'telemasten'];
const OPENINGS = [
  'Vår patrulje ble kontaktet av en vekter som hadde observert uvanlig aktivitet ved',
  'En ansatt meldte i dag om en person som gjentatte ganger har fotografert inngangspartiet ved',
  'Politidistriktet mottok i natt en bekymringsmelding om mistenkelig ferdsel rundt',
  'En tipser har over flere uker lagt merke til en bil som står parkert utenfor',
  'Vi har fått opplysninger fra en samarbeidspartner om mulig kartlegging av',
];
const MIDDLES = [
  'Personen bar mørke klær, hadde en stor ryggsekk og virket å notere tidspunkter for vaktskifter. Da han ble spurt hva han gjorde, forlot han stedet i rask gange mot en ventende bil.',
  'Kjøretøyet er en grå varebil uten firmamerking. Sjåføren har ved to anledninger forsøkt å komme inn på det inngjerdede området og har stilt spørsmål om adgangskontroll og kameradekning.',
  'Ifølge tipser har det i sosiale medier blitt delt bilder av bygningen sammen med kommentarer om at «noe snart kommer til å skje». Kontoen ble opprettet for kort tid siden.',
  'Vekteren oppgir at personen snakket engelsk med østeuropeisk aksent og presenterte seg som konsulent for et utenlandsk selskap, uten å kunne vise legitimasjon.',
  'Det er også observert en drone over området på kveldstid de siste tre dagene. Ingen operatør er identifisert, og dronen har ikke vært registrert hos Luftfartstilsynet.',
];
const CLOSINGS = [
  'Vi ber om en vurdering av om saken bør følges opp videre, og kan bistå med videoopptak fra stedet.',
  'Saken er foreløpig ikke registrert som straffesak hos oss. Vi avventer deres vurdering før videre tiltak.',
  'Tipser ønsker å være anonym, men kan kontaktes via vårt operasjonssenter ved behov for utfyllende opplysninger.',
  'Vi vurderer situasjonen som alvorlig og ber om rask tilbakemelding dersom opplysningene er kjent fra før.',
];

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A unique, letters-only token (FTS5 keeps it as one term; no identifier extractor mistakes it for a number). */
export function markerToken(salt: string, index: number): string {
  let n = index;
  let letters = '';
  for (let i = 0; i < 6; i += 1) {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  }
  return `mrk${salt}${letters}`;
}

/** A random run salt of lower-case letters, so markers of two runs never collide. */
export function runSalt(length = 4): string {
  let salt = '';
  for (let i = 0; i < length; i += 1) salt += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return salt;
}

/** Report number `index` of a run: ~1 KB of Norwegian partner text containing `marker`. */
export function partnerReport(index: number, marker: string): { channel: 'partner'; title: string; body: string } {
  const phone = String(40_000_000 + ((index * 7_919 + 13) % 9_999_999)).padStart(8, '0');
  const plate = `${pick(['EL', 'BT', 'DN', 'KH', 'SV'], index)} ${String(10_000 + ((index * 31) % 89_999))}`;
  const ip = `198.51.${(index >> 8) % 256}.${index % 256}`;
  const place = pick(PLACES, index);
  const object = pick(OBJECTS, Math.floor(index / 3));
  const body = [
    `${pick(OPENINGS, index)} ${object} ved ${place}.`,
    pick(MIDDLES, Math.floor(index / 5)),
    `Bilen hadde registreringsnummer ${plate}. Personen ringte senere fra +47 ${phone.slice(0, 3)} ${phone.slice(3, 5)} ${phone.slice(5)} og oppga e-postadressen tips${index}@example.no.`,
    `I etterkant ble det registrert gjentatte innloggingsforsøk mot ${object}s gjesteportal fra IP-adressen ${ip}.`,
    `Observasjonene ble gjort mellom klokken ${String(6 + (index % 16)).padStart(2, '0')}.00 og ${String(7 + (index % 16)).padStart(2, '0')}.30, og vekterne har skrevet egne notater om hendelsesforløpet som kan oversendes.`,
    pick(CLOSINGS, Math.floor(index / 7)),
    `Referanse ${marker}.`,
  ].join(' ');
  return { channel: 'partner', title: `Mistenkelig aktivitet ved ${object}, ${place} (${marker})`, body };
}
