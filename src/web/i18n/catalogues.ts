import { app, nav, errors, date, footer } from './areas/app';
import { signIn } from './areas/signIn';
import { roles, state, grade } from './areas/vocabulary';
import { findings, finding } from './areas/findings';
import { a11y } from './areas/a11y';
import { admin } from './areas/admin';
import { activity } from './areas/activity';
import { plans } from './areas/plans';
import { rounds } from './areas/rounds';
import { imports } from './areas/imports';
import { documents } from './areas/documents';
import { balance } from './areas/balance';
import { risk } from './areas/risk';
import { balanceAdmin } from './areas/balanceAdmin';
import { balanceImportJob } from './areas/balanceImportJob';
import { matching } from './areas/matching';
import { tasks } from './areas/tasks';
import { overview } from './areas/overview';
import { common } from './areas/common';
import { registry } from './areas/registry';
import { account } from './areas/account';
import { calendar } from './areas/calendar';
import { notifications } from './areas/notifications';
import { mail } from './areas/mail';
import { reminders } from './areas/reminders';

/**
 * The full catalogues: one key per area of i18n/areas/ (`t('plans.…')`), each area's texts in
 * da, sv and en side by side. Add a new area to `areas` below; the order is the catalogues' order.
 */
const areas = {
  app,
  nav,
  roles,
  signIn,
  state,
  grade,
  findings,
  finding,
  a11y,
  errors,
  date,
  footer,
  plans,
  rounds,
  admin,
  activity,
  documents,
  imports,
  balance,
  risk,
  balanceAdmin,
  balanceImportJob,
  matching,
  tasks,
  overview,
  common,
  registry,
  account,
  calendar,
  notifications,
  mail,
  reminders,
} as const;

type Areas = typeof areas;
const pick = <L extends 'da' | 'sv' | 'en'>(lang: L) =>
  Object.fromEntries(Object.entries(areas).map(([name, texts]) => [name, (texts as Record<L, object>)[lang]])) as {
    [K in keyof Areas]: Areas[K] extends Record<L, infer T> ? T : never;
  };

export const catalogues = {
  da: pick('da'),
  sv: pick('sv'),
  en: pick('en'),
};
