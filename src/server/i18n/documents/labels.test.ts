import { describe, expect, it } from 'vitest';
import { LOCALES, VOCABULARIES } from '../../../domain/i18n.js';
import { documentLabels, labelFiles, labelKeys } from './index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the document labels', () => {
  it('define each key in one file only, so no file silently shadows another', () => {
    const owners = new Map<string, string[]>();
    for (const [file, labels] of Object.entries(labelFiles)) for (const key of Object.keys(labels)) owners.set(key, [...(owners.get(key) ?? []), file]);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('have every label in every language and vocabulary, with the same placeholders in each', () => {
    const problems: string[] = [];
    for (const key of labelKeys) {
      const want = placeholders(documentLabels('da', 'DK')[key]).join(',');
      for (const locale of LOCALES)
        for (const vocabulary of VOCABULARIES) {
          const text = documentLabels(locale, vocabulary)[key];
          if (typeof text !== 'string' || text.trim() === '') problems.push(`${key}.${locale}.${vocabulary} is missing`);
          else if (placeholders(text).join(',') !== want) problems.push(`${key}.${locale}.${vocabulary}: placeholders differ`);
        }
    }
    expect(problems).toEqual([]);
  });

  it('take the SE word in the document’s language where it has one, and the language’s own text otherwise', () => {
    expect(documentLabels('da', 'DK').plan).toBe('Handleplan');
    expect(documentLabels('da', 'SE').plan).toBe('Åtgärder');
    expect(documentLabels('en', 'SE').plan).toBe('Measures');
    // English has no SE word for the index: it keeps its own, not the Danish catalogue's Swedish one.
    expect(documentLabels('en', 'SE').index).toBe('Index of findings');
    expect(documentLabels('sv', 'SE').index).toBe('Översikt över iakttagelser');
    expect(Object.keys(documentLabels('sv', 'SE'))).toEqual(labelKeys);
    expect(labelKeys.some((k) => k.endsWith('_SE'))).toBe(false);
  });
});
