import { Anchor, AppShell, Burger, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterLink, Route, Routes } from 'react-router';
import { api, setCsrfToken } from './api';
import { LanguageSelect } from './components/account/LanguageSelect';
import { SessionProvider, useRefreshSession, useSession, useSessionQuery, useVocabulary } from './session';
import { SignIn } from './pages/SignIn';
import { routePaths, type RoutePath } from './routes';
import { SearchBox } from './components/activity/SearchBox';
import { SettingsNav } from './components/activity/SettingsNav';
import { ImportNav } from './components/imports/ImportNav';
import { BalanceNav } from './components/balance/BalanceNav';
import { LeaveGuardProvider } from './components/leave';
import { Bell } from './components/notifications/Bell';

// Pages load on demand, so the first screen stays small (bundle.test.ts holds it under 500 kB gzip).
const Overview = lazy(() => import('./pages/Overview'));
const Findings = lazy(() => import('./pages/Findings'));
const FindingDetail = lazy(() => import('./pages/FindingDetail'));
const Accessibility = lazy(() => import('./pages/Accessibility'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Rounds = lazy(() => import('./pages/rounds/Rounds'));
const DepartmentRound = lazy(() => import('./pages/rounds/DepartmentRound'));
const SideBySide = lazy(() => import('./pages/rounds/SideBySide'));
const Departments = lazy(() => import('./pages/admin/Departments'));
const Committees = lazy(() => import('./pages/admin/Committees'));
const Meetings = lazy(() => import('./pages/admin/Meetings'));
const Users = lazy(() => import('./pages/admin/Users'));
const RoundSettings = lazy(() => import('./pages/admin/RoundSettings'));
const FindingHistory = lazy(() => import('./pages/activity/FindingHistory'));
const Search = lazy(() => import('./pages/activity/Search'));
const PlanHistory = lazy(() => import('./pages/activity/FindingHistory').then((m) => ({ default: m.PlanHistory })));
const PlanEditor = lazy(() => import('./pages/plans/PlanEditor'));
const Import = lazy(() => import('./pages/imports/Import'));
const BalanceAccounts = lazy(() => import('./pages/balance/Accounts'));
const BalanceAccount = lazy(() => import('./pages/balance/AccountDetail'));
const RiskRuns = lazy(() => import('./pages/balance/RiskRuns'));
const RiskRun = lazy(() => import('./pages/balance/RiskRun'));
const BalanceImport = lazy(() => import('./pages/balance/BalanceImport'));
const BalanceCommittees = lazy(() => import('./pages/balance/BalanceCommittees'));
const Matching = lazy(() => import('./pages/matching/Matching'));
const MatchingRun = lazy(() => import('./pages/matching/MatchingRun'));
const Reports = lazy(() => import('./pages/reports/Reports'));
const ReportDetail = lazy(() => import('./pages/reports/ReportDetail'));
const FindingForm = lazy(() => import('./pages/reports/FindingForm'));
const Account = lazy(() => import('./pages/account/Account'));
const MunicipalitySettings = lazy(() => import('./pages/admin/Municipality'));
const AuditVerify = lazy(() => import('./pages/admin/AuditVerify'));
const Notifications = lazy(() => import('./pages/notifications/Notifications'));
const MailSettings = lazy(() => import('./pages/admin/Mail'));

/** The element of every route in routes.ts (the browser tests walk that list). */
const pages: Record<RoutePath, JSX.Element> = {
  '/': <Overview />,
  '/findings': <Findings />,
  '/findings/:id': <FindingDetail />,
  '/accessibility': <Accessibility />,
  '/rounds': <Rounds />,
  '/rounds/:id/departments/:departmentId': <DepartmentRound />,
  '/findings/:id/side-by-side': <SideBySide />,
  '/settings/departments': <Departments />,
  '/settings/committees': <Committees />,
  '/settings/meetings': <Meetings />,
  '/settings/users': <Users />,
  '/settings/rounds': <RoundSettings />,
  '/findings/:id/history': <FindingHistory />,
  '/search': <Search />,
  '/plans/:id': <PlanEditor />,
  '/plans/:id/history': <PlanHistory />,
  '/import': <Import />,
  '/balance/accounts': <BalanceAccounts />,
  '/balance/accounts/:id': <BalanceAccount />,
  '/balance/risk': <RiskRuns />,
  '/balance/risk/:id': <RiskRun />,
  '/balance/import': <BalanceImport />,
  '/balance/committees': <BalanceCommittees />,
  '/balance/matching': <Matching />,
  '/balance/matching/runs/:id': <MatchingRun />,
  '/reports': <Reports />,
  '/reports/:id': <ReportDetail />,
  '/reports/:id/findings/new': <FindingForm mode="new" />,
  '/findings/:id/edit': <FindingForm mode="edit" />,
  '/account': <Account />,
  '/settings/municipality': <MunicipalitySettings />,
  '/audit/verify': <AuditVerify />,
  '/notifications': <Notifications />,
  '/settings/mail': <MailSettings />,
};

function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const context = useVocabulary();
  const refresh = useRefreshSession();
  const [opened, { toggle }] = useDisclosure();
  const signOut = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    // The session query's answer (401) brings back this device's signed-out language.
    await refresh();
  };
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} footer={{ height: 36 }} padding="md">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Title order={1} size="h4">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {session.municipality.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SearchBox />
            <Bell />
            <LanguageSelect signedIn />
            <Anchor component={Link} to="/account" size="sm" visibleFrom="sm" aria-label={`${t('account.nav.account')}: ${session.user.name}`}>
              {session.user.name}
            </Anchor>
            <Anchor component="button" size="sm" onClick={signOut}>
              {t('nav.signOut')}
            </Anchor>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')} component="nav">
        <NavLink component={RouterLink} to="/" end label={t('nav.overview')} />
        <NavLink component={RouterLink} to="/findings" label={t('nav.findings', { context })} />
        <NavLink component={RouterLink} to="/reports" label={t('registry.nav', { context })} />
        <NavLink component={RouterLink} to="/rounds" label={t('rounds.nav')} />
        <BalanceNav />
        <ImportNav />
        <SettingsNav />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loader role="status" aria-label={t('app.loading')} />}>
          <Routes>
            {routePaths.map((path) => (
              <Route key={path} path={path} element={pages[path]} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </AppShell.Main>
      <AppShell.Footer px="md" component="footer">
        <Group h="100%" gap="md">
          <Anchor component={Link} to="/accessibility" size="sm">
            {t('footer.accessibility')}
          </Anchor>
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}

export function App() {
  const { t } = useTranslation();
  const session = useSessionQuery();

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader role="status" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!session.data) {
    // Signed out: the sign-in page, and the accessibility statement (public by law).
    return (
      <Suspense fallback={<Loader role="status" aria-label={t('app.loading')} />}>
        <Routes>
          <Route
            path="/accessibility"
            element={
              <main id="main">
                <Accessibility />
              </main>
            }
          />
          <Route path="*" element={<SignIn />} />
        </Routes>
      </Suspense>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <LeaveGuardProvider>
        <Shell />
      </LeaveGuardProvider>
    </SessionProvider>
  );
}
