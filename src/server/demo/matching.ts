import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { defaultRules, type MatchRules } from '../../domain/matching/rules.js';
import { operatorActor } from '../context.js';
import type { Executor } from '../db/engine.js';
import { departments, matchingSystems, municipalities } from '../db/schema/index.js';
import { localDate } from '../clock.js';
import type { MatchingService } from '../modules/matching/service.js';
import type { SourceConfig } from '../matching/source-config.js';

/**
 * The demo's matching: each demo municipality has one specialist system checked against the
 * ledger, and at first start its November and December 2024 extracts (synthetic, made here from a
 * fixed seed) are run, so the pages show runs, unmatched items, suggestions and a timing
 * difference carried from November into December. The CPR numbers are made up (day 01-28, a
 * sequence number), shaped like real ones so masking and unmasking can be tried.
 */
interface DemoSystem {
  slug: string;
  department: string;
  code: string;
  name: string;
  language: 'da' | 'sv';
}

export const demoMatchingSystems: DemoSystem[] = [
  { slug: 'kobenhavn', department: 'BIF', code: 'KY', name: 'KY – Kommunernes Ydelsessystem', language: 'da' },
  { slug: 'exempelstad', department: 'SK', code: 'PROCAPITA', name: 'Procapita – försörjningsstöd', language: 'sv' },
];

/** The default rules: exact with and without the date, ±1 kr / 3 days, splits per case and month, timing in the last 3 days. */
export const demoRules: MatchRules = defaultRules;

const layouts = {
  da: {
    left: {
      format: 'csv',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dd-mm-yyyy',
      encoding: 'utf-8',
      negate: false,
      columns: { caseId: 'Sagsnr', cpr: 'CPR', date: 'Udbetalingsdato', amount: 'Beløb', text: 'Ydelse' },
    },
    right: {
      format: 'csv',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dd.mm.yyyy',
      encoding: 'utf-8',
      negate: false,
      columns: { date: 'Bilagsdato', amount: 'Beløb', caseId: 'Sag', cpr: 'Personnr', account: 'Artskonto', text: 'Posteringstekst' },
    },
  },
  sv: {
    left: {
      format: 'csv',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'yyyy-mm-dd',
      encoding: 'utf-8',
      negate: false,
      columns: { caseId: 'Ärende', cpr: 'Personnummer', date: 'Utbetalningsdag', amount: 'Belopp', text: 'Insats' },
    },
    right: {
      format: 'csv',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'yyyy-mm-dd',
      encoding: 'utf-8',
      negate: false,
      columns: { date: 'Verifikationsdatum', amount: 'Belopp', caseId: 'Ärende', cpr: 'Personnummer', account: 'Konto', text: 'Text' },
    },
  },
} satisfies Record<'da' | 'sv', { left: SourceConfig; right: SourceConfig }>;

/** Inserts the municipality's demo matching system (inside the demo's seeding transaction). */
export async function insertDemoMatchingSystem(tx: Executor, mid: string, slug: string): Promise<void> {
  const sys = demoMatchingSystems.find((s) => s.slug === slug);
  if (!sys) return;
  const [dept] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.municipalityId, mid), eq(departments.code, sys.department)));
  if (!dept) throw new Error(`demo matching: no department ${sys.department} in ${slug}`);
  const layout = layouts[sys.language];
  await tx.insert(matchingSystems).values({
    municipalityId: mid,
    code: sys.code,
    name: sys.name,
    target: 'ledger',
    departmentId: dept.id,
    rules: demoRules,
    leftSource: layout.left,
    rightSource: layout.right,
  });
}

/** A small deterministic PRNG (mulberry32): the demo files are the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  caseId: string;
  cpr: string;
  day: number;
  ore: number;
  text: string;
}

/**
 * The system's payments for November and December 2024 and the ledger's postings of them: most
 * posted as paid, 2 % missing in the ledger, 1 % with another amount, 1 % posted in two or three
 * parts, month-end payments posted in the next month, and a few postings the system has not made.
 */
export function demoExtracts(language: 'da' | 'sv', seed = 2024): Record<'2024-11' | '2024-12', { left: string; right: string }> {
  const rnd = prng(seed);
  const texts =
    language === 'da'
      ? ['Kontanthjælp', 'Boligstøtte', 'Enkeltydelse', 'Sygedagpenge', 'Ressourceforløb']
      : ['Försörjningsstöd', 'Bostadsbidrag', 'Hemutrustning', 'Etableringsersättning'];
  const ledgerText = language === 'da' ? 'KY udbetaling' : 'Utbetalning Procapita';
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const cprOf = (i: number) => `${pad(1 + (i % 28), 2)}${pad(1 + ((i * 7) % 12), 2)}${pad(40 + ((i * 13) % 60), 2)}${pad((i * 37) % 10_000, 4)}`;
  const money = (ore: number) => {
    const sign = ore < 0 ? '-' : '';
    const abs = Math.abs(ore);
    const kr = Math.floor(abs / 100)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${sign}${kr},${pad(abs % 100, 2)}`;
  };
  const date = (month: number, day: number, fmt: 'dmy-' | 'dmy.' | 'iso') =>
    fmt === 'iso' ? `2024-${pad(month, 2)}-${pad(day, 2)}` : fmt === 'dmy-' ? `${pad(day, 2)}-${pad(month, 2)}-2024` : `${pad(day, 2)}.${pad(month, 2)}.2024`;
  const [lf, rf] = language === 'da' ? (['dmy-', 'dmy.'] as const) : (['iso', 'iso'] as const);
  const layout = layouts[language];
  const lh = [layout.left.columns.caseId, layout.left.columns.cpr, layout.left.columns.date, layout.left.columns.amount, layout.left.columns.text].join(';');
  const rh = [
    layout.right.columns.date,
    layout.right.columns.amount,
    layout.right.columns.caseId,
    layout.right.columns.cpr,
    layout.right.columns.account,
    layout.right.columns.text,
  ].join(';');
  const out = {} as Record<'2024-11' | '2024-12', { left: string; right: string }>;
  let carried: Row[] = [];
  let caseNo = 1000;
  for (const [period, month, days] of [
    ['2024-11', 11, 30],
    ['2024-12', 12, 31],
  ] as const) {
    const left: string[] = [lh];
    const right: string[] = [rh];
    for (const r of carried) right.push([date(month, 1 + Math.floor(rnd() * 2), rf), money(r.ore), r.caseId, r.cpr, '52010000', ledgerText].join(';'));
    carried = [];
    for (let i = 0; i < 300; i++) {
      const n = caseNo++;
      const row: Row = {
        caseId: `${language === 'da' ? 'S' : 'Ä'}-${n}`,
        cpr: cprOf(n),
        day: 1 + Math.floor(rnd() * days),
        ore: Math.round(Math.exp(7 + rnd() * 3)) * 100 + Math.floor(rnd() * 100),
        text: texts[Math.floor(rnd() * texts.length)]!,
      };
      const roll = rnd();
      if (roll < 0.02) row.day = days - Math.floor(rnd() * 2);
      left.push([row.caseId, row.cpr, date(month, row.day, lf), money(row.ore), row.text].join(';'));
      const account = `520${pad(1 + (n % 3), 1)}0000`;
      const post = (ore: number, day = row.day) => right.push([date(month, day, rf), money(ore), row.caseId, row.cpr, account, ledgerText].join(';'));
      if (roll < 0.02)
        carried.push(row); // paid at month end, posted next month
      else if (roll < 0.04)
        continue; // never reached the ledger
      else if (roll < 0.05)
        post(row.ore + (rnd() < 0.5 ? 10_000 : -2_500)); // posted with another amount
      else if (roll < 0.06) {
        const first = Math.round(row.ore * 0.4);
        post(first);
        post(row.ore - first);
      } else post(row.ore, rnd() < 0.1 ? Math.min(days, row.day + 1) : row.day);
    }
    // postings without a payment in the system (a correction, a manual entry)
    for (let k = 0; k < 3; k++)
      right.push(
        [
          date(month, 10 + k, rf),
          money(-(5_000 + k * 1_234)),
          `${language === 'da' ? 'S' : 'Ä'}-${9000 + k}`,
          cprOf(9000 + k),
          '52010000',
          language === 'da' ? 'Manuel korrektion' : 'Manuell rättelse',
        ].join(';'),
      );
    out[period] = { left: `${left.join('\n')}\n`, right: `${right.join('\n')}\n` };
  }
  return out;
}

/**
 * Starts the demo runs (November, then December) for the municipalities just seeded, as each one's
 * operator (the audit trail records `via: cli`, as for other seeding). They run in the background.
 */
export async function startDemoMatchingRuns(db: Executor, matching: MatchingService, slugs: readonly string[]): Promise<string[]> {
  const started: string[] = [];
  for (const sys of demoMatchingSystems.filter((s) => slugs.includes(s.slug))) {
    const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, sys.slug));
    if (!m) continue;
    const actor = operatorActor(m, localDate(new Date(), m.timeZone), 'cli');
    const system = (await matching.listSystems(actor)).find((s) => s.code === sys.code);
    if (!system) continue;
    const files = demoExtracts(sys.language);
    for (const period of ['2024-11', '2024-12'] as const) {
      const dir = await matching.stagingDir(actor);
      const side = async (name: 'left' | 'right', text: string) => {
        const p = path.join(dir, name);
        await fs.promises.writeFile(p, text);
        return {
          fileName: `${sys.code.toLowerCase()}-${period}-${name === 'left' ? sys.code.toLowerCase() : 'ledger'}.csv`,
          path: p,
          bytes: Buffer.byteLength(text),
        };
      };
      const run = await matching.startRun(actor, {
        systemId: system.id,
        period,
        left: await side('left', files[period].left),
        right: await side('right', files[period].right),
      });
      await fs.promises.rm(dir, { recursive: true, force: true });
      started.push(run.id);
    }
  }
  return started;
}
