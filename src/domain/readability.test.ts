import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIX_MIN_WORDS, LIX_WARN_ABOVE, lix, lixBand, type LixBand } from './readability.js';

function scored(text: string) {
  const result = lix(text);
  if (result === null) throw new Error(`expected a score for ${JSON.stringify(text)}`);
  return result;
}

describe('lix', () => {
  it('exports the thresholds used by the guidance check', () => {
    expect(LIX_MIN_WORDS).toBe(10);
    expect(LIX_WARN_ABOVE).toBe(55);
  });

  it.each([
    {
      name: 'easy Danish',
      text: 'Vi har ansat en ny medarbejder. Hun starter i maj. Hun skal tjekke alle systemer.',
      expected: { score: 25, words: 15, sentences: 3, longWords: 3 },
    },
    {
      name: 'heavy Swedish, one sentence',
      text: 'Kommunstyrelsen ska säkerställa att attestering av fakturor genomförs av annan person än beställaren.',
      expected: { score: 59.2, words: 13, sentences: 1, longWords: 6 }, // 13 + 600/13
    },
    {
      name: 'numbers only, no letters make no long words',
      text: '1 2 3 4 5 6 7 8 9 10',
      expected: { score: 10, words: 10, sentences: 1, longWords: 0 },
    },
  ])('$name', ({ text, expected }) => {
    expect(lix(text)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   \n ', 'whitespace'],
    ['Handleplanen er godkendt.', 'three words'],
    ['En to tre fire fem seks syv otte ni.', 'nine words'],
    ['– • … ! ? : .', 'punctuation only'],
  ])('is null for %j (%s)', (text) => {
    expect(lix(text)).toBeNull();
  });

  it('scores from exactly LIX_MIN_WORDS words', () => {
    expect(scored('En to tre fire fem seks syv otte ni ti.').words).toBe(10);
  });

  describe('counts words', () => {
    it.each<[string, number]>([
      ['Økonomiforvaltningen og Børne- og Ungdomsforvaltningen følger op på revisionens bemærkninger i år.', 12],
      ['It-systemer uden ibrugtagningstilladelse eskaleres til direktionen og dernæst til Økonomiudvalget.', 10],
      ['Beløbet er 2.412 kr. og 1,5 mio. kr. i alt for året 2025 i kommunen.', 15],
      ['Det sker senest 31.03.2025, dvs. inden 1:a kvartalet är slut för alla.', 12],
      ['Vi har bl.a. ansat en ny medarbejder, f.eks. til løn, t.ex. i år.', 13],
    ])('%j → %i', (text, words) => {
      expect(scored(text).words).toBe(words);
    });
  });

  describe('counts long words as more than six letters', () => {
    it.each<[string, number]>([
      ['abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef', 0],
      ['abcdefg abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef', 1],
      ['it-system ab ab ab ab ab ab ab ab ab', 1],
      ['2025-2026 1.234.567 ab ab ab ab ab ab ab ab', 0],
      ['ærøskøbing åäöæøåé ab ab ab ab ab ab ab ab', 2],
    ])('%j → %i', (text, longWords) => {
      expect(scored(text).longWords).toBe(longWords);
    });
  });

  describe('counts sentences', () => {
    it.each<[string, number, string]>([
      [
        'Vi har bl.a. ansat en ny medarbejder. Det koster ca. 1,5 mio. kr. om året, f.eks. til løn. Det sker den 31. marts 2025.',
        3,
        'Danish abbreviations and ordinal dates',
      ],
      ['Det gäller t.ex. upphandling och s.k. direktupphandling. Det sker fr.o.m. 1:a kvartalet i år och framåt.', 2, 'Swedish abbreviations'],
      ['Det gælder f.eks. Økonomiforvaltningen og Socialforvaltningen i hele kommunen i år.', 1, 'abbreviation before a capital letter'],
      ['Se pkt. 3 og nr. 4 i planen for de næste år.', 1, 'abbreviation before a number'],
      ['Vi har afstemt konti, bilag osv. Det tog lang tid i år.', 2, '"osv." may end a sentence'],
      ['Beløbet er 2.412 kr. og 1,5 mio. kr. i alt for året 2025. Det er meget.', 2, 'decimals and thousands'],
      ['Vi starter i 2025. Det bliver godt for alle i kommunen.', 2, 'sentence ending in a number'],
      ['Mødet er kl. 10:30 i morgen, og alle kommer til mødet.', 1, 'clock time'],
      ['Der er tre punkter: løn, drift og anlæg i alle forvaltninger.', 2, 'colon ends a sentence in LIX'],
      ['Hvad nu?! Vi ved det ikke endnu, men vi finder ud af det...', 2, 'runs of punctuation count once'],
      ['Han sagde: "Det er godt." Vi går nu videre med planen.', 3, 'terminator before a closing quote'],
      ['Punkt et er klart\n- punkt to er klart\n- punkt tre er klart og færdigt', 3, 'bullets without punctuation'],
      ['Første punkt er klart.\n\n- Andet punkt er klart.\r\n- Tredje punkt er klart', 3, 'line break after a period counts once'],
      ['uden punktum til sidst og uden stort bogstav i starten her', 1, 'no terminator at all'],
    ])('%j → %i (%s)', (text, sentences) => {
      expect(scored(text).sentences).toBe(sentences);
    });
  });

  it('rounds the score to one decimal', () => {
    // 11 words, 1 sentence, 1 long word: 11 + 100/11 = 20.0909…
    expect(scored('Vi har ansat en ny medarbejder og hun er rigtig god').score).toBe(20.1);
  });

  it('agrees with its own counts on any text', () => {
    const word = fc.constantFrom('vi', 'har', 'en', 'plan', 'medarbejder', 'kommunstyrelsen', 'it-system', '2.412', 'bl.a.', 'år', 'åtgärd');
    const separator = fc.constantFrom(' ', ' ', ' ', '. ', '? ', ', ', ': ', '\n', '\n- ');
    const text = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 60 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(text, (t) => {
        const result = lix(t);
        if (result === null) return;
        expect(result.words).toBeGreaterThanOrEqual(LIX_MIN_WORDS);
        expect(result.sentences).toBeGreaterThanOrEqual(1);
        expect(result.sentences).toBeLessThanOrEqual(result.words);
        expect(result.longWords).toBeLessThanOrEqual(result.words);
        const raw = result.words / result.sentences + (100 * result.longWords) / result.words;
        expect(Math.abs(result.score - raw)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });
});

describe('lixBand', () => {
  it.each<[number, LixBand]>([
    [0, 'veryEasy'],
    [24.9, 'veryEasy'],
    [25, 'easy'],
    [34.9, 'easy'],
    [35, 'medium'],
    [44.9, 'medium'],
    [45, 'hard'],
    [54.9, 'hard'],
    [55, 'veryHard'],
    [80, 'veryHard'],
  ])('%d → %s', (score, band) => {
    expect(lixBand(score)).toBe(band);
  });
});
