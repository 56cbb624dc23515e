import { da } from './da';
import { en } from './en';
import { sv } from './sv';
import { admin } from './areas/admin';
import { activity } from './areas/activity';
import { plans } from './areas/plans';
import { rounds } from './areas/rounds';
import { imports } from './areas/imports';
import { documents } from './areas/documents';
import { balance } from './areas/balance';
import { risk } from './areas/risk';
import { balanceAdmin } from './areas/balanceAdmin';
import { matching } from './areas/matching';
import { tasks } from './areas/tasks';
import { overview } from './areas/overview';
import { common } from './areas/common';
import { registry } from './areas/findings';
import { account } from './areas/account';

/**
 * The full catalogues: the core texts (da.ts, sv.ts, en.ts) plus one key per area of
 * i18n/areas/ (`t('plans.…')`). Add a new area to `areas` below.
 */
const areas = {
  plans,
  rounds,
  admin,
  activity,
  documents,
  imports,
  balance,
  risk,
  balanceAdmin,
  matching,
  tasks,
  overview,
  common,
  registry,
  account,
} as const;

type Areas = typeof areas;
const pick = <L extends 'da' | 'sv' | 'en'>(lang: L) =>
  Object.fromEntries(Object.entries(areas).map(([name, texts]) => [name, (texts as Record<L, object>)[lang]])) as {
    [K in keyof Areas]: Areas[K] extends Record<L, infer T> ? T : never;
  };

export const catalogues = {
  da: { ...da, ...pick('da') },
  sv: { ...sv, ...pick('sv') },
  en: { ...en, ...pick('en') },
};
