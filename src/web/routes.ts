/**
 * Every route of the web app. App.tsx must give each an element (a type error otherwise), and the
 * browser tests visit each one (axe, screenshots), failing when one has no sample URL: a new page
 * cannot go unchecked.
 */
export const routePaths = [
  '/',
  '/findings',
  '/findings/:id',
  '/accessibility',
  '/settings/departments',
  '/settings/committees',
  '/settings/meetings',
  '/settings/users',
  '/findings/:id/history',
  '/search',
  '/plans/:id',
  '/rounds',
  '/rounds/:id/departments/:departmentId',
  '/findings/:id/side-by-side',
  '/settings/rounds',
  '/plans/:id/history',
  '/import',
  '/balance/accounts',
  '/balance/accounts/:id',
  '/balance/risk',
  '/balance/risk/:id',
  '/balance/import',
  '/balance/committees',
  '/balance/matching',
  '/balance/matching/runs/:id',
  '/reports',
  '/reports/:id',
  '/reports/:id/findings/new',
  '/findings/:id/edit',
  '/account',
  '/settings/municipality',
  '/audit/verify',
  '/notifications',
  '/settings/mail',
] as const;
export type RoutePath = (typeof routePaths)[number];

/** Routes that also work signed out. */
export const publicPaths: readonly RoutePath[] = ['/accessibility'];
