import { foldForComparison } from './normalize';
import { charAt, charBefore, isWordChar } from './text-boundaries';

/** Text prepared once for keyword matching: normalised, lower-cased, white space collapsed. */
export interface KeywordText {
  readonly folded: string;
}

/** Prepares title + body for keyword rules. */
export function keywordText(text: string): KeywordText {
  return { folded: foldForComparison(text) };
}

/**
 * The matched text when `keyword` (word or phrase, case-insensitive) occurs as whole words, else
 * undefined. Word characters are Unicode letters and digits, so "bål" is a word and "bombe" does not
 * hit "bomber" or "rørbombe"; a trailing `*` allows any continuation ("bomb*" hits "bombetrussel",
 * and the whole word is returned so that reasons show what was actually written).
 */
export function findKeyword(text: KeywordText, keyword: string): string | undefined {
  const prefix = keyword.endsWith('*');
  const needle = foldForComparison(prefix ? keyword.slice(0, -1) : keyword);
  if (needle === '') return undefined;
  const hay = text.folded;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (isWordChar(charBefore(hay, at))) continue;
    let end = at + needle.length;
    if (!prefix) {
      if (!isWordChar(charAt(hay, end))) return needle;
      continue;
    }
    for (let ch = charAt(hay, end); isWordChar(ch); ch = charAt(hay, end)) end += ch.length;
    return hay.slice(at, end);
  }
  return undefined;
}
