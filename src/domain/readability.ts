/**
 * LIX (Björnsson's läsbarhetsindex), the readability measure used in Danish and Swedish public
 * administration: words per sentence + percentage of long words. Plans must be understandable to
 * politicians and the public, so the guidance check warns about hard texts.
 */

/** Below this many words LIX says little about a text, so it is not scored. */
export const LIX_MIN_WORDS = 10;
/** Scores above this ("very hard", academic prose) trigger a readability warning. */
export const LIX_WARN_ABOVE = 55;

export interface LixResult {
  score: number;
  words: number;
  sentences: number;
  longWords: number;
}

export type LixBand = 'veryEasy' | 'easy' | 'medium' | 'hard' | 'veryHard';

const LONG_WORD_LETTERS = 6;

/**
 * A word is a run of letters/digits. Hyphens, apostrophes and periods inside it keep it one word
 * ("it-systemer", "don't", "bl.a", "2.412", "31.03.2025"), as do a comma between digits ("1,5")
 * and a colon after a digit ("1:a", "10:30").
 */
const WORD = /[\p{L}\p{N}]+(?:(?:[-'’.]|(?<=\p{N}),(?=\p{N})|(?<=\p{N}):)[\p{L}\p{N}]+)*/gu;
const LETTER = /\p{L}/gu;

/**
 * Abbreviations whose final period does not end a sentence even before a capital letter
 * ("f.eks. Økonomiforvaltningen", "nr. 3"). Ones that often end a sentence ("osv.", "m.m.") are
 * deliberately absent.
 */
const ABBREVIATIONS = new Set([
  // da
  'f.eks.',
  'fx.',
  'bl.a.',
  'jf.',
  'jfr.',
  'ca.',
  'evt.',
  'dvs.',
  'd.v.s.',
  'pga.',
  'p.g.a.',
  'inkl.',
  'ekskl.',
  'vedr.',
  'iht.',
  'ift.',
  'hhv.',
  'nr.',
  'pkt.',
  'stk.',
  'kap.',
  'kl.',
  'mio.',
  'mia.',
  't.kr.',
  'mdr.',
  // sv
  't.ex.',
  's.k.',
  'resp.',
  'exkl.',
  'enl.',
  'milj.',
  'mkr.',
  'tkr.',
  'fr.o.m.',
  't.o.m.',
  'ev.',
  // en
  'e.g.',
  'i.e.',
  'cf.',
  'vs.',
  'approx.',
  'no.',
  'incl.',
]);

/**
 * A sentence boundary candidate: a run of ".", "!", "?" or ":" followed by whitespace or the end
 * of the text (punctuation inside a token such as decimals, dates, "bl.a" or "1:a" never ends a
 * sentence), or a line break, which ends bullet points and headings, punctuated or not.
 */
const BOUNDARY = /[.!?:]+(?=["'”’»)\]]*(?:\s|$))|\r?\n/gu;

function endsSentence(text: string, index: number, run: string): boolean {
  if (run !== '.') return true;
  const next = /^["'”’»)\]]*\s*(\S?)/u.exec(text.slice(index + 1))?.[1] ?? '';
  // "31. marts", "1. kvartal", "ca. to år": a sentence never continues in lower case after its end
  if (/\p{Ll}/u.test(next)) return false;
  const chunk =
    /\S*$/u
      .exec(text.slice(0, index + 1))?.[0]
      .replace(/^[("'“„»«]+/u, '')
      .toLowerCase() ?? '';
  return !ABBREVIATIONS.has(chunk);
}

/** Segments between sentence boundaries that contain at least one word. */
function countSentences(text: string): number {
  let sentences = 0;
  let start = 0;
  const close = (end: number): void => {
    if (hasWord(text.slice(start, end))) sentences += 1;
    start = end;
  };
  for (const match of text.matchAll(BOUNDARY)) {
    const run = match[0];
    if (run.endsWith('\n') || endsSentence(text, match.index, run)) close(match.index + run.length);
  }
  close(text.length);
  return sentences;
}

function hasWord(segment: string): boolean {
  return /[\p{L}\p{N}]/u.test(segment);
}

export function lix(text: string): LixResult | null {
  const words = text.match(WORD) ?? [];
  if (words.length < LIX_MIN_WORDS) return null;
  const longWords = words.filter((w) => (w.match(LETTER)?.length ?? 0) > LONG_WORD_LETTERS).length;
  const sentences = Math.max(1, countSentences(text));
  const raw = words.length / sentences + (100 * longWords) / words.length;
  return { score: Math.round(raw * 10) / 10, words: words.length, sentences, longWords };
}

export function lixBand(score: number): LixBand {
  if (score < 25) return 'veryEasy';
  if (score < 35) return 'easy';
  if (score < 45) return 'medium';
  if (score < 55) return 'hard';
  return 'veryHard';
}
