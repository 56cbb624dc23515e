import { describe, expect, it } from 'vitest';
import { hashKeyFrom } from '../../domain/matching/hash.js';
import { readCsv, type ByteInput } from './csv-reader.js';
import { parseSourceConfig } from './source-config.js';

/**
 * A >2 GB CSV generated on the fly (never on disk, never in memory as a whole): fixed-width
 * rows with a long text column, the case number patched into a template per row.
 */
function generatedInput(rows: number, rowBytes: number): ByteInput {
  const header = Buffer.from('Sag;CPR;Dato;Beløb;Tekst\n');
  const row = Buffer.alloc(rowBytes, 0x78); // 'x' text filler
  const head = Buffer.from('S0000000;010190-1234;15-01-2026;1,00;');
  head.copy(row, 0);
  row[rowBytes - 1] = 0x0a;
  let pos = -header.length; // bytes of the rows handed out so far (header first)
  const total = header.length + rows * rowBytes;
  return {
    size: total,
    read(buf, off, len) {
      let w = 0;
      if (pos < 0) {
        const k = Math.min(len, -pos);
        header.copy(buf, off, header.length + pos, header.length + pos + k);
        pos += k;
        w += k;
      }
      while (w < len && pos < rows * rowBytes) {
        const r = Math.floor(pos / rowBytes);
        const inRow = pos - r * rowBytes;
        if (inRow === 0) {
          // patch the case number: S + 7 digits
          let x = r % 10000000;
          for (let d = 7; d >= 1; d--) {
            row[d] = 0x30 + (x % 10);
            x = Math.floor(x / 10);
          }
        }
        const k = Math.min(len - w, rowBytes - inRow);
        row.copy(buf, off + w, inRow, inRow + k);
        w += k;
        pos += k;
      }
      return w;
    },
    close() {},
  };
}

describe('csv reader streaming', () => {
  it('reads a 2.2 GB input in bounded memory', { timeout: 120_000 }, () => {
    const rowBytes = 550;
    const rows = 4_000_000; // 2.2 GB
    const before = process.memoryUsage();
    let peak = 0;
    const r = readCsv(generatedInput(rows, rowBytes), parseSourceConfig({ columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag', cpr: 'CPR' } }), {
      keyFields: ['caseId'],
      groupFields: ['cpr'],
      hashKey: hashKeyFrom(new Uint8Array(32)),
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    expect(r.bytes).toBeGreaterThan(2 ** 31);
    expect(r.columns.n).toBe(rows);
    expect(r.columns.line[rows - 1]).toBe(rows + 1);
    expect(r.offset[rows - 1]).toBe(26 + (rows - 1) * rowBytes);
    expect(r.columns.amount[rows - 1]).toBe(100);
    // the columns (41 bytes a row) plus one read buffer, never the input: well under 1 GB of growth
    expect(peak - before.rss).toBeLessThan(600 * 2 ** 20);
  });
});
