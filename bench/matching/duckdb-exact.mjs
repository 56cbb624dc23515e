// The reference side of the matching benchmark: DuckDB does the exact 1:1 pass on
// (case id + CPR, amount, date) over the generator's two CSV files, in its own process so its peak
// memory is measured apart. Duplicates of a (key, amount, date) combination are paired in line
// order: the i-th such row on the left with the i-th on the right (row_number() per combination on
// each side), as Tilsyn's exact pass does. Timing starts before read_csv and ends when the unmatched
// rows of each side are written.
//
//   node bench/matching/duckdb-exact.mjs --data DIR --out DIR [--with-matched]
// --with-matched also writes every matched row to matched.csv as Tilsyn's pipeline does (the
// default writes only the pair count, as the benchmark's brief asks): the like-for-like figure.
// Prints one JSON line: { ms, matchedPairs, left: digest, right: digest, vmHwmKb, sql }.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { digestSide, vmHwmKb } from './digest.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const DATE_FORMATS = { 'dd-mm-yyyy': '%d-%m-%Y', 'dd.mm.yyyy': '%d.%m.%Y', 'dd/mm/yyyy': '%d/%m/%Y', 'yyyy-mm-dd': '%Y-%m-%d', yyyymmdd: '%Y%m%d' };

/** The SQL for one run; names are the generator's headers. */
export function exactSql(meta, outDir, withMatched = false) {
  const [lCase, lCpr, lAcct, lDate, lAmount, lText] = meta.leftHeader;
  const [rDate, rAmount, rCase, rCpr, rAcct, rText] = meta.rightHeader;
  const q = (n) => `"${n.replaceAll('"', '""')}"`;
  const read = (file, fmt, cols) => `read_csv(${lit(file)}, header = true, delim = ${lit(fmt.delimiter)}, quote = '"', escape = '"',
    decimal_separator = ${lit(fmt.decimal)}, dateformat = ${lit(DATE_FORMATS[fmt.dateFormat])},
    columns = {${cols.map(([n, t]) => `${lit(n)}: ${lit(t)}`).join(', ')}})`;
  const keyed = (table, c, cpr, amount, date) => `CREATE TABLE ${table}_k AS
  SELECT rowid + 2 AS line, ${q(c)} AS case_id, ${q(cpr)} AS cpr, ${q(amount)} AS amount, ${q(date)} AS day,
         row_number() OVER (PARTITION BY ${q(c)}, ${q(cpr)}, ${q(amount)}, ${q(date)} ORDER BY rowid) AS nth
  FROM ${table}`;
  const out = (f) => lit(path.join(outDir, f));
  return [
    `-- line = rowid + 2: CREATE TABLE … AS keeps the file's row order (preserve_insertion_order), line 1 is the header
CREATE TABLE l AS SELECT * FROM ${read(meta.left, meta.leftFormat, [
      [lCase, 'VARCHAR'],
      [lCpr, 'VARCHAR'],
      [lAcct, 'VARCHAR'],
      [lDate, 'DATE'],
      [lAmount, 'DECIMAL(18,2)'],
      [lText, 'VARCHAR'],
    ])}`,
    `CREATE TABLE r AS SELECT * FROM ${read(meta.right, meta.rightFormat, [
      [rDate, 'DATE'],
      [rAmount, 'DECIMAL(18,2)'],
      [rCase, 'VARCHAR'],
      [rCpr, 'VARCHAR'],
      [rAcct, 'VARCHAR'],
      [rText, 'VARCHAR'],
    ])}`,
    `-- duplicates of a (key, amount, date) combination are paired in line order: nth-with-nth
${keyed('l', lCase, lCpr, lAmount, lDate)}`,
    keyed('r', rCase, rCpr, rAmount, rDate),
    `CREATE TABLE unmatched_l AS SELECT line, case_id, cpr, amount, day FROM l_k ANTI JOIN r_k USING (case_id, cpr, amount, day, nth)`,
    `CREATE TABLE unmatched_r AS SELECT line, case_id, cpr, amount, day FROM r_k ANTI JOIN l_k USING (case_id, cpr, amount, day, nth)`,
    `-- results: the unmatched source rows of each side (CPR masked) and the number of matched pairs
COPY (SELECT u.line, l.* REPLACE (left(l.${q(lCpr)}, 7) || '****' AS ${q(lCpr)}) FROM unmatched_l u JOIN l ON l.rowid + 2 = u.line ORDER BY u.line)
  TO ${out('unmatched-left.csv')} (HEADER, DELIMITER ';')`,
    `COPY (SELECT u.line, r.* REPLACE (left(r.${q(rCpr)}, 7) || '****' AS ${q(rCpr)}) FROM unmatched_r u JOIN r ON r.rowid + 2 = u.line ORDER BY u.line)
  TO ${out('unmatched-right.csv')} (HEADER, DELIMITER ';')`,
    withMatched
      ? `-- like Tilsyn's matched.csv: one line per matched row, grouped (group;pass;state;side;line;amount_ore;date)
CREATE TABLE pairs AS SELECT row_number() OVER () AS grp, l_k.line AS l_line, r_k.line AS r_line, CAST(l_k.amount * 100 AS BIGINT) AS amount_ore, l_k.day
  FROM l_k JOIN r_k USING (case_id, cpr, amount, day, nth);
COPY (SELECT grp AS "group", 'exact' AS pass, 'matched' AS state, 'left' AS side, l_line AS line, amount_ore, day AS date FROM pairs
      UNION ALL SELECT grp, 'exact', 'matched', 'right', r_line, amount_ore, day FROM pairs ORDER BY 1, 4)
  TO ${out('matched.csv')} (HEADER, DELIMITER ';')`
      : `COPY (SELECT (SELECT count(*) FROM l_k) - (SELECT count(*) FROM unmatched_l) AS matched_pairs) TO ${out('matched.csv')} (HEADER)`,
  ];
}

export async function runDuckdbExact(meta, outDir, withMatched = false) {
  fs.mkdirSync(outDir, { recursive: true });
  const sql = exactSql(meta, outDir, withMatched);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const t0 = performance.now();
  const c0 = process.cpuUsage(); // process-wide: DuckDB's native threads too
  for (const s of sql) {
    // one statement per run() call; the matched-file variant is two statements in one string
    for (const part of s.split(/;\n(?=CREATE|COPY)/)) await con.run(part);
  }
  const ms = performance.now() - t0;
  // the process's peak RSS when the results are written, before the comparison below reads rows
  const peakKbTimed = vmHwmKb();
  const cpu = process.cpuUsage(c0);
  const cpuSTimed = (cpu.user + cpu.system) / 1e6;
  const matched = Number((await con.runAndReadAll(`SELECT (SELECT count(*) FROM l_k) - (SELECT count(*) FROM unmatched_l)`)).getRows()[0][0]);
  const side = async (t) =>
    (await con.runAndReadAll(`SELECT line, case_id, cpr, CAST(amount * 100 AS BIGINT), strftime(day, '%Y-%m-%d') FROM ${t}`))
      .getRows()
      .map(([line, caseId, cpr, ore, date]) => ({ line: Number(line), caseId, cpr, ore: Number(ore), date }));
  const left = digestSide(await side('unmatched_l'), outDir, 'duckdb-left');
  const right = digestSide(await side('unmatched_r'), outDir, 'duckdb-right');
  con.closeSync();
  return { ms, peakKbTimed, cpuSTimed, matchedPairs: matched, left, right, sql: sql.join(';\n\n') + ';' };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const data = arg('data');
  const outDir = arg('out');
  if (!data || !outDir) {
    console.error('usage: node bench/matching/duckdb-exact.mjs --data DIR --out DIR');
    process.exit(2);
  }
  const meta = JSON.parse(fs.readFileSync(path.join(data, 'meta.json'), 'utf8'));
  const result = await runDuckdbExact(meta, outDir, process.argv.includes('--with-matched'));
  console.log(JSON.stringify({ ...result, vmHwmKb: vmHwmKb() }));
}
