import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKeyFrom, hashOut } from '../../domain/matching/hash.js';
import { daysFromCivil } from './bytes.js';
import { bufferInput, readCsv } from './csv-reader.js';
import { hashKeyStrings } from './key-bytes.js';
import { parseSourceConfig } from './source-config.js';

const hashKey = hashKeyFrom(new Uint8Array(32).fill(7));

/** A row as data, rendered to CSV text with random quoting, line endings and filler. */
const rowArb = fc.record({
  caseId: fc.string({ unit: fc.constantFrom('A', 'b', 'Ø', ';', '"', '\n', ' ', '1'), minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== ''),
  ore: fc.integer({ min: -1e11, max: 1e11 }),
  day: fc.integer({ min: 1, max: 28 }),
  text: fc.string({ unit: fc.constantFrom('x', ';', '"', '\r\n', '\n', 'æ'), maxLength: 12 }),
  quoteAll: fc.boolean(),
  crlf: fc.boolean(),
  thousands: fc.boolean(),
});

function money(ore: number, thousands: boolean): string {
  const a = Math.abs(ore);
  let kr = String(Math.floor(a / 100));
  if (thousands) kr = kr.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${ore < 0 ? '-' : ''}${kr},${String(a % 100).padStart(2, '0')}`;
}

function q(v: string, all: boolean): string {
  return all || /[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

describe('csv reader properties', () => {
  it('reads what was written, whatever the quoting, line endings and chunk sizes', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 4, max: 64 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (rows, chunkSize, step, lastNewline) => {
          let text = 'Tekst;Sag;Beløb;Dato\n';
          const lines: number[] = [];
          let line = 2;
          rows.forEach((r, k) => {
            lines.push(line);
            const rec = [
              q(r.text, r.quoteAll),
              q(r.caseId, r.quoteAll),
              q(money(r.ore, r.thousands), r.quoteAll),
              q(`${String(r.day).padStart(2, '0')}-02-2026`, r.quoteAll),
            ].join(';');
            line += 1 + (rec.match(/\n/g)?.length ?? 0);
            text += rec + (k < rows.length - 1 || lastNewline ? (r.crlf ? '\r\n' : '\n') : '');
          });
          const res = readCsv(
            bufferInput(Buffer.from(text), step),
            parseSourceConfig({ columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag', text: 'Tekst' } }),
            {
              keyFields: ['caseId'],
              groupFields: ['caseId'],
              hashKey,
              chunkSize,
            },
          );
          expect(res.columns.n).toBe(rows.length);
          rows.forEach((r, i) => {
            expect(res.columns.amount[i]).toBe(r.ore);
            expect(res.columns.day[i]).toBe(daysFromCivil(2026, 2, r.day));
            expect(res.columns.line[i]).toBe(lines[i]);
            hashKeyStrings([r.caseId], [false], hashKey.seedHi, hashKey.seedLo);
            expect([res.columns.keyHi[i], res.columns.keyLo[i]]).toEqual([hashOut[0], hashOut[1]]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
