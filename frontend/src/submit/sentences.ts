/**
 * Splits article text into sentences for picking claims. Paragraphs (lines) never merge; inside a
 * paragraph a sentence ends at . ! ? (or …) plus any closing quotes/brackets, followed by whitespace and
 * a capital, digit or opening quote, unless the word before the dot is a known abbreviation or an initial.
 */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'al',
    'inc', 'ltd', 'co', 'corp', 'gen', 'gov', 'sen', 'rep', 'rev', 'lt', 'col', 'capt', 'sgt', 'hon',
    'no', 'nos', 'vol', 'pp', 'fig', 'approx', 'dept', 'est',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m',
  ],
);

const CLOSERS = `"'”’)]»`;
const OPENERS = `"'“‘([«`;

export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of splitParagraphs(text)) {
    for (const s of splitParagraph(para)) out.push(s);
  }
  return out;
}

function splitParagraph(p: string): string[] {
  const result: string[] = [];
  let start = 0;
  let i = 0;
  while (i < p.length) {
    const ch = p[i];
    if (ch === '.' || ch === '!' || ch === '?' || ch === '…') {
      // take repeated terminators ("?!", "...") and closing quotes/brackets
      let end = i + 1;
      while (end < p.length && '.!?…'.includes(p[end])) end++;
      while (end < p.length && CLOSERS.includes(p[end])) end++;
      if (end >= p.length) break;
      if (p[end] !== ' ') {
        i = end;
        continue;
      }
      let next = end;
      while (next < p.length && p[next] === ' ') next++;
      const nextCh = p[next] ?? '';
      const startsSentence = /[\p{Lu}\p{N}]/u.test(nextCh) || OPENERS.includes(nextCh);
      if (startsSentence && !(ch === '.' && isAbbreviation(p, start, i))) {
        const s = p.slice(start, end).trim();
        if (s) result.push(s);
        start = next;
      }
      i = next;
      continue;
    }
    i++;
  }
  const last = p.slice(start).trim();
  if (last) result.push(last);
  return result;
}

/** True when the token ending at dotIndex is an abbreviation or a single-letter initial. */
function isAbbreviation(p: string, from: number, dotIndex: number): boolean {
  let k = dotIndex;
  while (k > from && !/\s/.test(p[k - 1]) && !OPENERS.includes(p[k - 1])) k--;
  const word = p.slice(k, dotIndex).toLowerCase();
  if (word.length === 0) return false;
  if (ABBREVIATIONS.has(word)) return true;
  if (/^\p{L}$/u.test(word)) return true; // "J. Smith"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "e.g"
  return false;
}

/** The service accepts statements of 10..2000 characters. */
export function isClaimable(sentence: string): boolean {
  const n = sentence.trim().length;
  return n >= 10 && n <= 2000;
}
