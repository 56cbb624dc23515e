/**
 * A system's matching rules: which fields form the match key and the group key, and the passes run
 * strongest first (as the commercial matching tools do). Saved per system as JSON and validated
 * here, so a bad rules file fails with Zod's path-precise message before a run starts.
 */
import { z } from 'zod';
import { keyFields } from './types.js';

export const keyFieldSchema = z.enum(keyFields);

/** Exact 1:1 on key + amount (+ date when useDate). */
export const exactPassSchema = z.object({
  kind: z.literal('exact'),
  useDate: z.boolean().default(true),
});

/**
 * 1:1 within the same key when |a − b| ≤ max(amountOre, amountPercent % of max(|a|, |b|)) and the
 * dates are at most dateWindowDays apart.
 */
export const tolerancePassSchema = z.object({
  kind: z.literal('tolerance'),
  amountOre: z.number().int().min(0).default(0),
  amountPercent: z.number().min(0).max(100).default(0),
  dateWindowDays: z.number().int().min(0).max(62).default(0),
});

/**
 * 1:n and n:1 inside the same group key (and calendar month when byMonth): whole groups whose sums
 * agree, then one row against a subset of at most maxCandidates rows of the other side. Results
 * are suggestions a user confirms.
 */
export const splitPassSchema = z.object({
  kind: z.literal('split'),
  maxCandidates: z.number().int().min(2).max(24).default(24),
  timeBudgetMs: z.number().int().min(1).max(600_000).default(2000),
  byMonth: z.boolean().default(true),
});

/** Rows still unmatched, not carried, dated in the last lastDays days of the period → timing. */
export const timingPassSchema = z.object({
  kind: z.literal('timing'),
  lastDays: z.number().int().min(1).max(15),
});

export const passSchema = z.discriminatedUnion('kind', [exactPassSchema, tolerancePassSchema, splitPassSchema, timingPassSchema]);

export const matchRulesSchema = z.object({
  key: z.array(keyFieldSchema).min(1),
  groupKey: z.array(keyFieldSchema).min(1),
  passes: z.array(passSchema).min(1).max(8),
});

export type Pass = z.output<typeof passSchema>;
export type ExactPass = z.output<typeof exactPassSchema>;
export type TolerancePass = z.output<typeof tolerancePassSchema>;
export type SplitPass = z.output<typeof splitPassSchema>;
export type TimingPass = z.output<typeof timingPassSchema>;
export type PassKind = Pass['kind'];
export type MatchRules = z.output<typeof matchRulesSchema>;
/** Rules as written in a rules file (defaults not yet filled in). */
export type MatchRulesInput = z.input<typeof matchRulesSchema>;

/** Parse and validate rules (throws ZodError); fills in the defaults. */
export function parseRules(input: unknown): MatchRules {
  return matchRulesSchema.parse(input);
}

/**
 * The default for a specialist system against the ledger: exact on case + amount + date, then
 * exact ignoring the date (posted on another day), then ±1 kr / 3 days, then splits per case and
 * month, then items in the last 3 days of the month are timing.
 */
export const defaultRules: MatchRules = {
  key: ['caseId'],
  groupKey: ['caseId'],
  passes: [
    { kind: 'exact', useDate: true },
    { kind: 'exact', useDate: false },
    { kind: 'tolerance', amountOre: 100, amountPercent: 0, dateWindowDays: 3 },
    { kind: 'split', maxCandidates: 24, timeBudgetMs: 2000, byMonth: true },
    { kind: 'timing', lastDays: 3 },
  ],
};

/** One line per pass, for the CLI's summary and the UI. */
export function describePass(pass: Pass, lang: 'da' | 'en' = 'en'): string {
  const da = lang === 'da';
  switch (pass.kind) {
    case 'exact':
      return da ? `Præcis 1:1 på nøgle + beløb${pass.useDate ? ' + dato' : ''}` : `Exact 1:1 on key + amount${pass.useDate ? ' + date' : ''}`;
    case 'tolerance': {
      const kr = (pass.amountOre / 100).toFixed(2);
      return da
        ? `1:1 med tolerance ±${kr} kr eller ${pass.amountPercent} % og ±${pass.dateWindowDays} dage`
        : `1:1 with tolerance ±${kr} kr or ${pass.amountPercent} % and ±${pass.dateWindowDays} days`;
    }
    case 'split':
      return da
        ? `1:n / n:1 i samme gruppe${pass.byMonth ? ' og måned' : ''} (højst ${pass.maxCandidates} kandidater; forslag)`
        : `1:n / n:1 within the group${pass.byMonth ? ' and month' : ''} (at most ${pass.maxCandidates} candidates; suggestions)`;
    case 'timing':
      return da
        ? `Tidsforskydning: umatchede poster i periodens sidste ${pass.lastDays} dage`
        : `Timing: unmatched items in the last ${pass.lastDays} days of the period`;
  }
}

export function describeRules(rules: MatchRules, lang: 'da' | 'en' = 'en'): string[] {
  return rules.passes.map((p, i) => `${i + 1}. ${describePass(p, lang)}`);
}
