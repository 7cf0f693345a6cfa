/**
 * Prose for the corpus in bokmål, nynorsk and English. Rules for everything in this file: no digits,
 * no '@', no web addresses and no "kl." before a number — every identifier, date and time enters
 * a report through a labelled slot (`{}` in the entity templates), so nothing extractable goes
 * unlabelled. `{place}`, `{object}`, `{name}` and `{org}` are filled with words, never identifiers.
 * generate.ts checks the rule when it builds a report.
 */
import type { EntityType } from '@mottak/domain';

export type Lang = 'nb' | 'nn' | 'en';

/** Slots of entity templates: every entity type, plus amounts (look-alikes of phone numbers). */
export type SlotType = EntityType | 'amount';

export interface LanguageBank {
  places: string[];
  objects: string[];
  orgs: string[];
  tipTitles: string[];
  callTitles: string[];
  mailSubjects: string[];
  partnerTitles: string[];
  openings: string[];
  observations: string[];
  closings: string[];
  /** Sentences carrying one identifier at `{}`. */
  entity: Record<SlotType, string[]>;
  /** Terse call-note fragments. */
  call: { openers: string[]; fragments: string[]; closers: string[]; entity: Partial<Record<SlotType, string[]>> };
  mail: {
    greetings: string[];
    intros: string[];
    signoffs: string[];
    jobTitles: string[];
    disclaimers: string[];
    mobile: string[];
    /** Header lines of a quoted original: from, sent, to, subject labels. */
    quoteLabels: { separator: string; from: string; sent: string; to: string; subject: string };
    forwardSeparator: string;
    forwardPrefix: string;
    /** "On … wrote" line around a date slot: [before, after name]. */
    wrote: [string, string];
    replies: string[];
  };
  /** Field labels of a structured partner report. */
  fields: { time: string; place: string; vehicle: string; phone: string; network: string; account: string; summary: string; source: string; reliable: string[] };
  /** Sentences appended by a re-sent report (near duplicates). */
  updates: string[];
  /** Alternative wordings used to edit one sentence of a near duplicate. */
  rewordings: string[];
}

const nb: LanguageBank = {
  places: ['Oslo S', 'Gardermoen', 'Bergen havn', 'Trondheim sentrum', 'Sola', 'Tromsø havn', 'ferjeterminalen i Kristiansand', 'Bodø', 'Drammen stasjon', 'Fredrikstad', 'Mongstad', 'Kårstø', 'Hammerfest', 'Ålesund', 'Kirkenes', 'Lillestrøm'],
  objects: ['kraftstasjonen', 'rådhuset', 'ambassaden', 'datasenteret', 'vannverket', 'militærleiren', 'havneterminalen', 'sykehuset', 'jernbanebroen', 'telemasten', 'transformatorstasjonen', 'gassterminalen', 'flyplassgjerdet', 'kontrolltårnet', 'tankanlegget'],
  orgs: ['Kraftlaget Vest AS', 'Vannverket i Nordfjord', 'Havnevesenet', 'Sikkerhetsbyrået', 'Transport Nord AS', 'Datasenter Oslo AS', 'Lufthavndrift AS'],
  tipTitles: ['Mistenkelig person ved {object}', 'Drone over {object}', 'Bil som går igjen ved {place}', 'Forsøk på innbrudd ved {object}', 'Merkelig henvendelse om {object}', 'Tips om kartlegging av {object}', 'Person fotograferer {object}', 'Observasjon ved {place}', 'Bekymring for kollega', 'Svindelforsøk mot bedriften', 'Trusler i sosiale medier', 'Uvanlig aktivitet ved {place}'],
  callTitles: ['Telefon fra vekter', 'Innringer om {object}', 'Anonym innringer', 'Samtale med tipser', 'Telefonnotat', 'Oppringning fra publikum'],
  mailSubjects: ['Mistenkelig aktivitet', 'Henvendelse om {object}', 'Phishing mot våre ansatte', 'Observasjon ved {place}', 'Bekymringsmelding', 'Hendelse i natt', 'Til orientering', 'Mulig datainnbrudd', 'Svindel med faktura', 'Spørsmål fra ansatt'],
  partnerTitles: ['Melding fra samarbeidspartner', 'Observasjonsrapport {place}', 'Hendelsesrapport', 'Deling av indikatorer', 'Rapport fra vaktselskap'],
  openings: [
    'I går kveld så jeg en mann som tok bilder av gjerdet rundt {object} ved {place}.',
    'Jeg jobber som vekter og vil melde fra om noe jeg har lagt merke til de siste ukene.',
    'En kollega av meg har oppført seg merkelig etter at han kom hjem fra en lengre reise.',
    'Vi har fått flere e-poster som ser ut til å komme fra banken, men som ikke gjør det.',
    'Det har stått en bil parkert utenfor {object} nesten hver natt denne uken.',
    'Jeg vet ikke om dette er viktig, men jeg vil heller si fra en gang for mye.',
    'Naboen min fortalte at noen har spurt mye om vaktskiftene ved {object}.',
    'Under en rutinesjekk ved {place} oppdaget vi at en port sto åpen.',
    'Det har vært en drone over {object} flere kvelder på rad.',
    'Jeg ble kontaktet av en person som ville kjøpe tegninger av {object}.',
    'Firmaet vårt har mottatt en faktura fra en leverandør vi aldri har brukt.',
    'På vei hjem fra jobb la jeg merke til to personer som målte opp området ved {place}.',
  ],
  observations: [
    'Personen bar mørke klær og hadde en stor ryggsekk.',
    'Han virket nervøs og så seg hele tiden over skulderen.',
    'Bilen var en grå varebil uten firmamerking.',
    'De snakket et språk jeg ikke kjente igjen.',
    'Da jeg spurte hva de gjorde, gikk de raskt derfra.',
    'Det så ut som han noterte når vaktene gikk runden sin.',
    'Hun sa at hun var konsulent, men kunne ikke vise legitimasjon.',
    'Det er ikke første gang jeg ser dette, men nå ble jeg bekymret.',
    'Kameraet ved inngangen ser ut til å ha vært dekket til i en periode.',
    'Meldingen inneholdt en lenke og en trussel om at kontoen ville bli stengt.',
    'Jeg har tatt vare på alle meldingene og kan sende dem over.',
    'Han spurte også om hvor mange som jobber nattskift.',
    'Ingen av de ansatte kjente igjen personen.',
    'Det virket som de visste nøyaktig hvor kameraene var plassert.',
    'Etterpå ble det sendt penger fra firmaets konto uten at noen hadde godkjent det.',
    'Vi har sperret brukeren og byttet passord, men vet ikke hva som er hentet ut.',
    'Han hevdet å representere et utenlandsk selskap som vil investere i regionen.',
    'Dronen fløy lavt og forsvant mot skogen da vi gikk ut.',
  ],
  closings: [
    'Ta gjerne kontakt hvis dere trenger mer informasjon.',
    'Jeg ønsker å være anonym.',
    'Håper dette kan være til hjelp.',
    'Jeg kan sende bilder hvis det er interessant.',
    'Vi ber om en vurdering av om saken bør følges opp.',
    'Gi beskjed om dere vil at vi skal gjøre noe mer.',
    'Dette er meldt til nærmeste leder også.',
    'Beklager hvis dette er uviktig.',
  ],
  entity: {
    fodselsnummer: ['Han oppga fødselsnummer {}.', 'Fnr. {} ble oppgitt av personen selv.', 'Ifølge legitimasjonen har hun fødselsnummer {}.', 'Fødselsnummeret {} står på kontrakten.', 'Personen (fnr {}) er tidligere ansatt hos oss.'],
    'd-nummer': ['Han har D-nummer {}.', 'D-nr. {} ble brukt ved innleie.', 'Arbeidstakeren er registrert med D-nummer {} hos oss.'],
    'h-nummer': ['Pasienten ble registrert med hjelpenummer {}.', 'H-nummer {} ble brukt på legevakten.', 'På journalen står hjelpenummeret {}.'],
    orgnr: ['Fakturaen kom fra et firma med org.nr. {}.', 'Selskapet har organisasjonsnummer {}.', 'Leverandøren ({}) er registrert i Brønnøysund.', 'Avsender oppgir {} som sitt organisasjonsnummer.'],
    kontonummer: ['Pengene skulle overføres til konto {}.', 'Kontonummeret i fakturaen er {}.', 'Han ba oss betale til {} så snart som mulig.', 'Vi overførte beløpet til kontonr. {} før vi forsto at noe var galt.'],
    iban: ['Betalingen skulle gå til IBAN {}.', 'Mottakerkontoen i utlandet er {}.', 'I fakturaen står IBAN {} som mottaker.'],
    betalingskort: ['Kortet som ble belastet har nummer {}.', 'Svindlerne brukte kortnummeret {}.', 'Bankkort {} ble brukt uten at eieren visste om det.'],
    phone: ['Jeg kan nås på {}.', 'Han ringte fra {} flere ganger.', 'Nummeret som sendte meldingen er {}.', 'Ring meg gjerne på {} etter jobb.', 'Personen oppga {} som kontaktnummer.', 'Meldingen kom fra {}.'],
    email: ['Han sendte e-post fra {}.', 'Avsenderen var {}.', 'Svar kan sendes til {}.', 'Jeg fikk en melding fra {} i dag tidlig.'],
    url: ['Lenken i meldingen gikk til {}.', 'Innlegget ligger på {}.', 'De ba meg logge inn på {}.', 'Bildene er lagt ut på {}.', 'Vi fant filen på {}.'],
    domene: ['Nettsiden {} ble registrert for kort tid siden.', 'Domenet {} ligner veldig på bankens.', 'E-postene kommer fra serveren til {}.', 'Vi har blokkert {} i brannmuren.'],
    ipv4: ['Innloggingen kom fra IP-adressen {}.', 'Trafikken gikk mot {}.', 'Vi har blokkert {} i brannmuren.', 'Angrepet ser ut til å komme fra {}.'],
    ipv6: ['I loggene dukket også IPv6-adressen {} opp.', 'Forbindelsen kom fra {}.', 'Adressen {} står i serverloggen.'],
    kjennemerke: ['Bilen hadde registreringsnummer {}.', 'En grå Volvo med skilt {} sto parkert der.', 'Vi noterte kjennemerket {}.', 'Varebilen ({}) har vært der flere ganger.'],
    bitcoin: ['Løsepengene skulle betales til bitcoin-adressen {}.', 'De krevde betaling i bitcoin til {}.', 'Lommeboken {} ble oppgitt i meldingen.'],
    ethereum: ['Betalingen skulle gå til Ethereum-adressen {}.', 'De oppga lommeboken {} for betaling.', 'Kryptovalutaen ble sendt til {}.'],
    tidspunkt: ['Dette skjedde {}.', 'Observasjonen ble gjort {}.', 'Første gang jeg så ham var {}.', 'Meldingen kom {}.', 'Hendelsen fant sted {}.'],
    amount: ['Beløpet var på {} kroner.', 'De krevde {} kroner for å slette dataene.', 'Fakturaen lød på {} kroner.'],
  },
  call: {
    openers: ['Innringer ringte inn', 'Vekter ringte', 'Anonym innringer', 'Tlf fra publikum', 'Innr. ringte tilbake', 'Samtale med tipser'],
    fragments: ['Så mann m/ sekk v/ porten.', 'Bil parkert ved gjerdet i ca. en time.', 'Person tok bilder av anlegget.', 'Drone observert over området.', 'Innr. vil ikke oppgi navn.', 'Innr. virker troverdig.', 'Ber om tilbakeringing.', 'Har meldt til lokalt politi også.', 'Ingen skader.', 'Personen gikk mot sentrum.', 'Innr. usikker på klokkeslett.', 'Mulig samme person som forrige uke.', 'Flere vitner på stedet.', 'Innr. noe beruset.'],
    closers: ['Avsluttet samtalen.', 'Notert av vakthavende.', 'Følges opp i morgen.', 'Videresendt til analyse.'],
    entity: {
      phone: ['Tlf innr.: {}.', 'Tlf {}.', 'Ringte fra {}.', 'Kontakt: {}.'],
      kjennemerke: ['Bil: {}.', 'Reg.nr {}.', 'Skilt {}, grå.'],
      fodselsnummer: ['Fnr: {}.', 'Fnr oppgitt {}.'],
      'd-nummer': ['D-nr: {}.'],
      tidspunkt: ['Skjedde {}.', 'Obs {}.', 'Sett {}.'],
      email: ['E-post: {}.'],
    },
  },
  mail: {
    greetings: ['Hei,', 'Hei!', 'God dag,', 'Hei igjen,', 'Til rette vedkommende,'],
    intros: ['Jeg skriver for å melde fra om noe vi har sett.', 'Vi ønsker å gjøre dere oppmerksom på en hendelse hos oss.', 'Som avtalt på telefon sender jeg over det vi vet.', 'Vi har i dag oppdaget noe vi mener dere bør vite om.'],
    signoffs: ['Med vennlig hilsen', 'Vennlig hilsen', 'Mvh', 'Hilsen'],
    jobTitles: ['Sikkerhetsleder', 'IT-ansvarlig', 'Daglig leder', 'Seniorrådgiver', 'Vaktsjef', 'Driftsingeniør'],
    disclaimers: [
      'Denne e-posten kan inneholde konfidensiell informasjon. Hvis du har mottatt den ved en feil, ber vi deg slette den og gi beskjed til avsender.',
      'Tenk på miljøet før du skriver ut denne e-posten.',
    ],
    mobile: ['Sendt fra min iPhone', 'Sendt fra Outlook for Android'],
    quoteLabels: { separator: '-----Opprinnelig melding-----', from: 'Fra:', sent: 'Sendt:', to: 'Til:', subject: 'Emne:' },
    forwardSeparator: '---------- Videresendt melding ----------',
    forwardPrefix: 'VS: ',
    wrote: ['Den', 'skrev'],
    replies: ['Takk for raskt svar. Her er det vi vet så langt.', 'Vi har sett mer på saken og har noen tillegg.', 'Se nedenfor. Jeg har lagt til det som mangler.'],
  },
  fields: { time: 'Tidspunkt:', place: 'Sted:', vehicle: 'Kjøretøy:', phone: 'Telefon:', network: 'IP-adresser:', account: 'Konto:', summary: 'Beskrivelse:', source: 'Kilde:', reliable: ['vaktselskap, pålitelig tidligere', 'ansatt, ukjent pålitelighet', 'samarbeidende etat'] },
  updates: ['Oppdatering: personen ble sett igjen i dag tidlig.', 'Tillegg: naboen har også sett bilen.', 'Vi har nå fått bekreftet at kontoen ble brukt.', 'Beklager, glemte å nevne at de var to personer.', 'Ny info: dronen kom tilbake i natt.'],
  rewordings: ['Mannen hadde mørke klær og bar på en stor sekk.', 'Jeg synes dette virket veldig rart.', 'Han gikk raskt sin vei da han ble spurt.', 'Vi har tatt vare på meldingene og kan sende dem.', 'Ingen hos oss visste hvem han var.'],
};

const nn: LanguageBank = {
  places: ['Voss', 'Førde', 'Florø', 'Sogndal', 'Ørsta', 'Volda', 'Odda', 'Stord', 'Haugesund', 'Nordfjordeid', 'Måløy', 'Leikanger', 'Bergen hamn', 'Ulsteinvik'],
  objects: ['kraftstasjonen', 'rådhuset', 'vassverket', 'kaia', 'brua', 'tunnelen', 'telemasta', 'dammen', 'fjordterminalen', 'sjukehuset', 'militærleiren', 'transformatorstasjonen'],
  orgs: ['Sogn Kraft AS', 'Vassverket i Førde', 'Hamnevesenet', 'Fjordtrafikk AS', 'Kommunen'],
  tipTitles: ['Mistenkjeleg person ved {object}', 'Drone over {object}', 'Bil som står att ved {place}', 'Innbrotsforsøk ved {object}', 'Tips om kartlegging av {object}', 'Uvanleg aktivitet ved {place}', 'Svindelforsøk mot bedrifta', 'Truslar på nettet'],
  callTitles: ['Telefon frå vektar', 'Innringar om {object}', 'Anonym innringar', 'Telefonnotat'],
  mailSubjects: ['Mistenkjeleg aktivitet', 'Melding om {object}', 'Phishing mot dei tilsette', 'Observasjon ved {place}', 'Hending i natt', 'Til orientering'],
  partnerTitles: ['Melding frå samarbeidspartnar', 'Observasjonsrapport {place}', 'Hendingsrapport'],
  openings: [
    'I går kveld såg eg ein mann som tok bilete av gjerdet rundt {object} ved {place}.',
    'Eg jobbar som vektar og vil melde frå om noko eg har lagt merke til dei siste vekene.',
    'Ein kollega av meg har oppført seg rart etter at han kom heim frå ei lang reise.',
    'Me har fått fleire e-postar som ser ut til å kome frå banken, men som ikkje gjer det.',
    'Det har stått ein bil parkert utanfor {object} nesten kvar natt denne veka.',
    'Eg veit ikkje om dette er viktig, men eg vil heller seie frå ein gong for mykje.',
    'Naboen min fortalde at nokon har spurt mykje om vaktskifta ved {object}.',
    'Under ein rutinesjekk ved {place} oppdaga me at ei port stod open.',
    'Det har vore ein drone over {object} fleire kveldar på rad.',
    'Eg vart kontakta av ein person som ville kjøpe teikningar av {object}.',
  ],
  observations: [
    'Personen hadde mørke klede og ein stor ryggsekk.',
    'Han verka nervøs og såg seg heile tida over skuldra.',
    'Bilen var ein grå varebil utan firmamerke.',
    'Dei snakka eit språk eg ikkje kjende att.',
    'Då eg spurde kva dei dreiv med, gjekk dei fort derifrå.',
    'Det såg ut som han noterte når vaktene gjekk runden sin.',
    'Ho sa at ho var konsulent, men kunne ikkje vise legitimasjon.',
    'Det er ikkje første gong eg ser dette, men no vart eg uroleg.',
    'Kameraet ved inngangen ser ut til å ha vore dekt til ei stund.',
    'Meldinga hadde ei lenke og ein trussel om at kontoen ville bli stengd.',
    'Eg har teke vare på alle meldingane og kan sende dei over.',
    'Han spurde òg om kor mange som jobbar nattskift.',
    'Ingen av dei tilsette kjende att personen.',
    'Dronen flaug lågt og forsvann mot skogen då me gjekk ut.',
  ],
  closings: ['Ta gjerne kontakt om de treng meir informasjon.', 'Eg ønskjer å vere anonym.', 'Håpar dette kan vere til hjelp.', 'Eg kan sende bilete om det er interessant.', 'Gje beskjed om de vil at me skal gjere noko meir.', 'Orsak om dette er uviktig.'],
  entity: {
    fodselsnummer: ['Han oppgav fødselsnummer {}.', 'Fnr. {} vart oppgitt av personen sjølv.', 'Ifølgje legitimasjonen har ho fødselsnummer {}.'],
    'd-nummer': ['Han har D-nummer {}.', 'D-nr. {} vart brukt ved innleige.'],
    'h-nummer': ['Pasienten vart registrert med hjelpenummer {}.', 'H-nummer {} vart brukt på legevakta.'],
    orgnr: ['Fakturaen kom frå eit firma med org.nr. {}.', 'Selskapet har organisasjonsnummer {}.', 'Leverandøren ({}) er registrert i Brønnøysund.'],
    kontonummer: ['Pengane skulle overførast til konto {}.', 'Kontonummeret i fakturaen er {}.', 'Han bad oss betale til {} så fort som mogleg.'],
    iban: ['Betalinga skulle gå til IBAN {}.', 'Mottakarkontoen i utlandet er {}.'],
    betalingskort: ['Kortet som vart belasta har nummer {}.', 'Svindlarane brukte kortnummeret {}.'],
    phone: ['Eg kan nåast på {}.', 'Han ringde frå {} fleire gonger.', 'Nummeret som sende meldinga er {}.', 'Ring meg gjerne på {} etter jobb.', 'Meldinga kom frå {}.'],
    email: ['Han sende e-post frå {}.', 'Avsendaren var {}.', 'Svar kan sendast til {}.'],
    url: ['Lenka i meldinga gjekk til {}.', 'Innlegget ligg på {}.', 'Dei bad meg logge inn på {}.'],
    domene: ['Nettsida {} vart registrert for kort tid sidan.', 'Domenet {} liknar mykje på banken sitt.', 'Me har blokkert {} i brannmuren.'],
    ipv4: ['Innlogginga kom frå IP-adressa {}.', 'Trafikken gjekk mot {}.', 'Åtaket ser ut til å kome frå {}.'],
    ipv6: ['I loggane dukka òg IPv6-adressa {} opp.', 'Sambandet kom frå {}.'],
    kjennemerke: ['Bilen hadde registreringsnummer {}.', 'Ein grå Volvo med skilt {} stod parkert der.', 'Me noterte kjennemerket {}.'],
    bitcoin: ['Løysepengane skulle betalast til bitcoin-adressa {}.', 'Dei kravde betaling i bitcoin til {}.'],
    ethereum: ['Betalinga skulle gå til Ethereum-adressa {}.', 'Dei oppgav lommeboka {} for betaling.'],
    tidspunkt: ['Dette skjedde {}.', 'Observasjonen vart gjord {}.', 'Første gong eg såg han var {}.', 'Hendinga fann stad {}.'],
    amount: ['Beløpet var på {} kroner.', 'Dei kravde {} kroner for å slette dataa.'],
  },
  call: {
    openers: ['Innringar ringde inn', 'Vektar ringde', 'Anonym innringar', 'Telefon frå publikum'],
    fragments: ['Såg mann m/ sekk v/ porten.', 'Bil parkert ved gjerdet i om lag ein time.', 'Person tok bilete av anlegget.', 'Drone observert over området.', 'Innr. vil ikkje oppgje namn.', 'Bed om tilbakeringing.', 'Ingen skadar.', 'Personen gjekk mot sentrum.', 'Mogleg same person som førre veke.'],
    closers: ['Avslutta samtalen.', 'Notert av vakthavande.', 'Følgjast opp i morgon.'],
    entity: {
      phone: ['Tlf innr.: {}.', 'Tlf {}.', 'Ringde frå {}.'],
      kjennemerke: ['Bil: {}.', 'Reg.nr {}.'],
      fodselsnummer: ['Fnr: {}.'],
      tidspunkt: ['Skjedde {}.', 'Sett {}.'],
    },
  },
  mail: {
    greetings: ['Hei,', 'Hei!', 'God dag,'],
    intros: ['Eg skriv for å melde frå om noko me har sett.', 'Me vil gjere dykk merksame på ei hending hjå oss.', 'Som avtalt på telefon sender eg over det me veit.'],
    signoffs: ['Med venleg helsing', 'Venleg helsing', 'Helsing'],
    jobTitles: ['Tryggingsleiar', 'IT-ansvarleg', 'Dagleg leiar', 'Vaktsjef'],
    disclaimers: ['Denne e-posten kan innehalde konfidensiell informasjon. Om du har fått han ved ein feil, ber me deg slette han.'],
    mobile: ['Send frå iPhone'],
    quoteLabels: { separator: '-----Opphavleg melding-----', from: 'Frå:', sent: 'Sendt:', to: 'Til:', subject: 'Emne:' },
    forwardSeparator: '---------- Vidaresend melding ----------',
    forwardPrefix: 'VS: ',
    wrote: ['Den', 'skreiv'],
    replies: ['Takk for raskt svar. Her er det me veit så langt.', 'Me har sett meir på saka og har nokre tillegg.'],
  },
  fields: { time: 'Tidspunkt:', place: 'Stad:', vehicle: 'Køyretøy:', phone: 'Telefon:', network: 'IP-adresser:', account: 'Konto:', summary: 'Skildring:', source: 'Kjelde:', reliable: ['vaktselskap, påliteleg tidlegare', 'tilsett, ukjend pålitelegheit'] },
  updates: ['Oppdatering: personen vart sett att i dag tidleg.', 'Tillegg: naboen har òg sett bilen.', 'Orsak, gløymde å nemne at dei var to personar.'],
  rewordings: ['Mannen hadde mørke klede og bar på ein stor sekk.', 'Eg synest dette verka svært rart.', 'Han gjekk fort sin veg då han vart spurd.'],
};

const en: LanguageBank = {
  places: ['the harbour in Bergen', 'Oslo Central Station', 'Gardermoen airport', 'the port of Stavanger', 'Tromsø', 'the Kirkenes border crossing', 'the industrial park at Mongstad', 'the ferry terminal'],
  objects: ['the power station', 'the embassy', 'the data centre', 'the water works', 'the naval base', 'the substation', 'the gas terminal', 'the control tower', 'the radar site', 'the hospital'],
  orgs: ['Nordic Grid Services Ltd', 'Harbour Logistics AS', 'SecureOps Consulting', 'Arctic Data Centre'],
  tipTitles: ['Suspicious person near {object}', 'Drone seen over {object}', 'Car keeps returning to {place}', 'Attempted break-in at {object}', 'Possible surveillance of {object}', 'Phishing campaign against staff', 'Threats posted online', 'Unusual activity at {place}'],
  callTitles: ['Call from security guard', 'Caller about {object}', 'Anonymous caller', 'Phone note'],
  mailSubjects: ['Suspicious activity', 'Regarding {object}', 'Phishing targeting our employees', 'Incident last night', 'FYI', 'Possible data breach', 'Invoice fraud attempt'],
  partnerTitles: ['Report from partner agency', 'Observation report {place}', 'Incident report', 'Indicator sharing'],
  openings: [
    'Last night I saw a man taking pictures of the fence around {object} near {place}.',
    'I work as a security guard and want to report something I have noticed over the last few weeks.',
    'A colleague of mine has been behaving strangely since he came back from a long trip abroad.',
    'We have received several e-mails that appear to come from our bank, but they do not.',
    'A car has been parked outside {object} almost every night this week.',
    'I am not sure whether this matters, but I would rather report it than not.',
    'My neighbour told me that someone has been asking a lot of questions about the shift changes at {object}.',
    'During a routine check at {place} we found that a gate had been left open.',
    'There has been a drone over {object} for several evenings in a row.',
    'I was approached by a person who wanted to buy drawings of {object}.',
    'Our company received an invoice from a supplier we have never used.',
  ],
  observations: [
    'The person wore dark clothes and carried a large backpack.',
    'He seemed nervous and kept looking over his shoulder.',
    'The car was a grey van without any company markings.',
    'They spoke a language I did not recognise.',
    'When I asked what they were doing, they left quickly.',
    'It looked as if he was writing down when the guards did their rounds.',
    'She said she was a consultant but could not show any identification.',
    'This is not the first time I have seen this, but now I am worried.',
    'The camera at the entrance seems to have been covered for a while.',
    'The message contained a link and a threat that the account would be closed.',
    'I have kept all the messages and can forward them.',
    'He also asked how many people work the night shift.',
    'None of the staff recognised the person.',
    'The drone flew low and disappeared towards the forest when we went outside.',
    'Afterwards money was transferred from the company account without anyone approving it.',
  ],
  closings: ['Please get in touch if you need more information.', 'I would like to remain anonymous.', 'I hope this is useful.', 'I can send pictures if that helps.', 'Let us know if you want us to do anything else.', 'Sorry if this turns out to be nothing.'],
  entity: {
    fodselsnummer: ['He gave his Norwegian national ID number as {}.', 'According to his ID card his personal number is {}.', 'The contract lists the national identity number {}.'],
    'd-nummer': ['He has the D number {}.', 'The contractor is registered with D-number {}.'],
    'h-nummer': ['The patient was registered under the help number {}.', 'The emergency room used H-number {}.'],
    orgnr: ['The invoice came from a company with organisation number {}.', 'The supplier ({}) is registered in the Norwegian business register.', 'Their VAT number is {}.'],
    kontonummer: ['The money was to be paid into account {}.', 'The Norwegian account number on the invoice is {}.'],
    iban: ['Payment was requested to IBAN {}.', 'The beneficiary account is {}.', 'The invoice gives {} as the receiving account.'],
    betalingskort: ['The card that was charged has the number {}.', 'The fraudsters used card number {}.'],
    phone: ['You can reach me on {}.', 'He called from {} several times.', 'The message was sent from {}.', 'Please call me at {} after work.', 'The caller gave {} as a contact number.'],
    email: ['He e-mailed us from {}.', 'The sender was {}.', 'Replies can be sent to {}.'],
    url: ['The link in the message pointed to {}.', 'The post is at {}.', 'They asked me to log in at {}.', 'We found the file on {}.'],
    domene: ['The website {} was registered only recently.', 'The domain {} looks very much like the bank.', 'We have blocked {} on the firewall.'],
    ipv4: ['The login came from IP address {}.', 'The traffic went to {}.', 'The attack appears to originate from {}.'],
    ipv6: ['The IPv6 address {} also shows up in the logs.', 'The connection came from {}.'],
    kjennemerke: ['The car had the Norwegian registration {}.', 'A grey Volvo with plates {} was parked there.', 'We noted the number plate {}.'],
    bitcoin: ['The ransom was to be paid to the bitcoin address {}.', 'They demanded payment in bitcoin to {}.'],
    ethereum: ['Payment was to go to the Ethereum address {}.', 'They gave the wallet {} for payment.'],
    tidspunkt: ['This happened on {}.', 'The observation was made on {}.', 'The first sighting was on {}.', 'The message arrived on {}.'],
    amount: ['The amount was NOK {}.', 'They demanded NOK {} to delete the data.'],
  },
  call: {
    openers: ['Caller phoned in', 'Guard called', 'Anonymous caller', 'Call from member of public'],
    fragments: ['Saw man w/ backpack by the gate.', 'Car parked by the fence for approx. an hour.', 'Person taking photos of the site.', 'Drone seen over the area.', 'Caller will not give name.', 'Asks to be called back.', 'No injuries.', 'Person walked towards the centre.', 'Possibly same person as last week.'],
    closers: ['Call ended.', 'Noted by duty officer.', 'Follow up tomorrow.'],
    entity: {
      phone: ['Caller tel: {}.', 'Tel {}.', 'Called from {}.'],
      kjennemerke: ['Car: {}.', 'Plate {}.'],
      tidspunkt: ['Happened {}.', 'Seen {}.'],
      email: ['E-mail: {}.'],
    },
  },
  mail: {
    greetings: ['Hi,', 'Hello,', 'Dear colleagues,', 'Good afternoon,'],
    intros: ['I am writing to report something we have observed.', 'We would like to make you aware of an incident at our site.', 'As agreed on the phone, here is what we know.'],
    signoffs: ['Kind regards', 'Best regards', 'Regards', 'Thanks'],
    jobTitles: ['Head of Security', 'IT Manager', 'Managing Director', 'Senior Analyst', 'Operations Engineer'],
    disclaimers: ['This e-mail may contain confidential information. If you have received it in error, please delete it and notify the sender.'],
    mobile: ['Sent from my iPhone', 'Get Outlook for Android'],
    quoteLabels: { separator: '-----Original Message-----', from: 'From:', sent: 'Date:', to: 'To:', subject: 'Subject:' },
    forwardSeparator: '---------- Forwarded message ---------',
    forwardPrefix: 'Fwd: ',
    wrote: ['On', 'wrote'],
    replies: ['Thanks for the quick reply. Here is what we know so far.', 'We have looked further into this and have some additions.'],
  },
  fields: { time: 'Time:', place: 'Location:', vehicle: 'Vehicle:', phone: 'Phone:', network: 'IP addresses:', account: 'Account:', summary: 'Description:', source: 'Source:', reliable: ['security company, reliable before', 'employee, reliability unknown', 'partner agency'] },
  updates: ['Update: the person was seen again early this morning.', 'Addition: the neighbour has also seen the car.', 'Sorry, forgot to mention that there were two of them.'],
  rewordings: ['The man wore dark clothes and carried a big bag.', 'I thought this was very strange.', 'He walked off quickly when asked.'],
};

export const BANKS: Readonly<Record<Lang, LanguageBank>> = { nb, nn, en };
