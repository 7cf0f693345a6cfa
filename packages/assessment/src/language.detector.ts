import type { Language } from '@mottak/domain';

/**
 * Function words per language. Bokmål and nynorsk share most of theirs; the forms that differ
 * (jeg/eg, ikke/ikkje, hva/kva, fra/frå, en/ein …) decide between them. Swedish, Danish and German
 * compete too, so that they come out as `other` rather than as the nearest Norwegian.
 */
const SHARED_NORWEGIAN = 'og i er det som på til av med at for han vi du var har den om men seg sin kan skal vil når etter mot under ved så denne dette meg deg oss kunne skulle mange også eller her der';
const PROFILES: readonly { lang: Language | 'sv' | 'da' | 'de'; words: string }[] = [
  {
    lang: 'nb',
    words: `${SHARED_NORWEGIAN} jeg ikke hva hvor hvem hvordan hvorfor noe noen hun de dem deres fra mye en et ett disse bare ble blitt hennes uten sier nå hvis selv hos hvilken kommer gikk vært være sammen fikk ennå flere siden derfor hjem hjemme mer vet`,
  },
  {
    lang: 'nn',
    words: `${SHARED_NORWEGIAN} eg ikkje kva kvar kven korleis kvifor noko nokon ho dei deira frå mykje ein eit ei desse berre vart blei hennar utan seier viss sjølv hjå kjem gjekk vore vere saman fekk enno fleire nokre sidan difor heim heime meir veit òg no`,
  },
  {
    lang: 'en',
    words: 'i the and is are was were of to in that it with for on this have has had be been not you he she they we at by from or an will would there their what which who my me your his her our can do does did if about into than then them these those',
  },
  {
    lang: 'sv',
    words: 'och är jag inte att för av med som det till vad hur när också från mycket någon något hon de vi du ett en men om så var har kan ska vill efter utan bara eller mig dig sig hade blev över under',
  },
  {
    lang: 'da',
    words: 'og er jeg ikke hvad hvor hvem hvordan noget nogen hun de fra meget af efter mig dig sig blev havde være været også når eller kun skal vil kan til på med den det som han vi du en et men om så var har nu her der',
  },
  {
    lang: 'de',
    words: 'der die das und ist nicht ich du er sie es wir ein eine mit auf für von zu den dem auch wie was wer wo aber oder sind war hat haben bei nach aus',
  },
];
const SETS = PROFILES.map((p) => ({ lang: p.lang, words: new Set(p.words.split(' ')) }));
/** Letters that only some of the languages use: a small extra vote each. */
const LETTER_HINTS: readonly { pattern: RegExp; langs: readonly string[] }[] = [
  { pattern: /[æø]/g, langs: ['nb', 'nn', 'da'] },
  { pattern: /[äö]/g, langs: ['sv', 'de'] },
  { pattern: /[üß]/g, langs: ['de'] },
];
const WORD = /[\p{L}']+/gu;
const LATIN = /[a-zæøåäöüéèß]/;
/** Enough words read as `other` when fewer than this share of them are function words of the winner. */
const MIN_SHARE = 0.1;

/**
 * Language of a short text: `nb`, `nn`, `en` or `other`. Deterministic: counts function words of each
 * profile (plus a letter hint for æ/ø, ä/ö, ü/ß); the highest count wins, ties in the order
 * nb, nn, en. Swedish, Danish, German, non-Latin scripts and texts with no function word are `other`.
 */
export function detectLanguage(text: string): Language {
  // The start of a long text decides; the rest adds time, not certainty.
  const sample = text.slice(0, 20_000).toLowerCase();
  const words = (sample.match(WORD) ?? []).slice(0, 2000);
  if (words.length === 0) return 'other';
  const latinWords = words.filter((w) => LATIN.test(w)).length;
  if (latinWords * 2 < words.length) return 'other';
  const scores = new Map<string, number>(SETS.map((s) => [s.lang, 0]));
  for (const word of words) {
    for (const set of SETS) if (set.words.has(word)) scores.set(set.lang, (scores.get(set.lang) ?? 0) + 1);
  }
  for (const hint of LETTER_HINTS) {
    const n = Math.min(3, (sample.match(hint.pattern) ?? []).length);
    for (const lang of hint.langs) scores.set(lang, (scores.get(lang) ?? 0) + n * 0.5);
  }
  let best = SETS[0]?.lang ?? 'other';
  let bestScore = -1;
  for (const set of SETS) {
    const score = scores.get(set.lang) ?? 0;
    if (score > bestScore) {
      best = set.lang;
      bestScore = score;
    }
  }
  if (bestScore < 1) return 'other';
  if (words.length >= 10 && bestScore / words.length < MIN_SHARE) return 'other';
  return best === 'nb' || best === 'nn' || best === 'en' ? best : 'other';
}
