import type { Entity } from '@mottak/domain';
import { isDomainName } from './email.extractor';
import { entityAt, type Extractor } from './extractor';
import { charBefore, countLeading, countTrailing } from './text-boundaries';

/** Runs of letters, digits, dots and hyphens: one greedy class, so the scan is linear; structure is checked in code. */
const RUN = /[\p{L}\p{N}.-]+/gu;

/**
 * Top-level domains taken as domains in prose. An allow-list, because abbreviations and file names
 * ("f.eks", "bl.a", "rapport.pdf") would otherwise read as host names. Country codes that are more
 * often file extensions (md, sh, py, ps) or Norwegian abbreviations ("org.nr", "kr.pr") and gTLDs
 * such as zip and mov are left out on purpose.
 */
const TLDS = new Set(
  (
    'com net org info biz edu gov mil int io ai app dev xyz online site top shop store tech cloud email link live news ' +
    'blog club pro name mobi onion eu asia art chat design digital global group media network one social space ' +
    'support team today website world work icu vip fun life ' +
    'ac ad ae af ag al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc ' +
    'cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et fi fj fk fm fo fr ga ' +
    'gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in iq ir is it je jm jo jp ' +
    'ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc me mg mh mk ml mm mn mo mp mq mr ms ' +
    'mt mu mv mw mx my mz na nc ne nf ng ni nl no np nu nz om pa pe pf pg ph pk pl pm pn pt pw qa re ro rs ' +
    'ru rw sa sb sc sd se sg si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv ' +
    'tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw'
  ).split(' '),
);

/** "sent.De sa" is a missing space after a full stop, not a domain: a capitalised word (De, It) as TLD. */
function looksLikeMissingSpace(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  const first = tld.charAt(0);
  return first !== first.toLowerCase() && tld.slice(1) === tld.slice(1).toLowerCase();
}

/** True when `name` is a host name with a known top-level domain (see TLDS). */
export function isKnownDomain(name: string): boolean {
  const tld = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return TLDS.has(tld) && isDomainName(name) && !looksLikeMissingSpace(name);
}

/**
 * Bare domains (`example.no`, `mail.politiet.no`) that are not part of a URL or e-mail address (those
 * extractors run first and block this one). The value is lower-case; IDNs are kept in Unicode.
 */
export const domainExtractor: Extractor = {
  types: ['domene'],
  blockedBy: ['url', 'email', 'ipv4', 'ipv6', 'tidspunkt', 'kjennemerke'],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(RUN)) {
      const run = match[0];
      if (!run.includes('.')) continue;
      const start = match.index + countLeading(run, '.-');
      const end = match.index + run.length - countTrailing(run, '.-');
      if (end <= start) continue;
      // Glued to an underscore ("kari_nordmann.no") it is part of a longer token, not a host name.
      if (charBefore(text, start) === '_') continue;
      const name = text.slice(start, end);
      if (isKnownDomain(name)) found.push(entityAt(text, 'domene', start, end, name.toLowerCase()));
    }
    return found;
  },
};
