import { Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, type Page } from '../../api';
import { formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { useSession, useVocabulary } from '../../session';
import { formatDay } from '../../format';
import { holds } from './roles';

interface FindingRow {
  id: string;
  number: number;
  title: string;
  reportYear: number;
  departments: { departmentId: string; code: string; state: string }[];
}
interface PlanRow {
  id: string;
  findingId: string | null;
  finding: { id: string; number: number; title: string; reportYear: number } | null;
  departmentCode: string;
}
interface Round {
  id: string;
  name: string;
  dueOn: string;
  state: string;
}
interface RoundDetail extends Round {
  departments: { departmentId: string; code: string; name: string; submissionId: string | null; state: string; answered: number; total: number }[];
}

/** Departments where the user holds one of the roles; null when a grant covers the whole municipality. */
function departmentsOf(roles: { role: string; departmentId: string | null }[], wanted: string[]): string[] | null {
  const grants = roles.filter((r) => wanted.includes(r.role));
  if (grants.some((g) => g.departmentId === null)) return null;
  return grants.map((g) => g.departmentId!);
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Title order={4} size="h6">
          {title}
        </Title>
        <Badge size="sm" variant={count > 0 ? 'filled' : 'light'}>
          {count}
        </Badge>
      </Group>
      {children}
    </Stack>
  );
}

/**
 * "What needs me" for the signed-in role, from the ordinary list endpoints: plans to write
 * (department coordinators), statuses due in the open round (coordinators and measure owners),
 * approvals waiting (central coordination: submitted plans and round answers).
 */
export function WhatNeedsMe() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const session = useSession();
  const coordinatorDepts = holds(session, 'departmentCoordinator') ? departmentsOf(session.roles, ['departmentCoordinator']) : [];
  const statusDepts = holds(session, 'departmentCoordinator', 'measureOwner') ? departmentsOf(session.roles, ['departmentCoordinator', 'measureOwner']) : [];
  const central = holds(session, 'admin', 'centralCoordinator');
  const writesPlans = coordinatorDepts === null || coordinatorDepts.length > 0;
  const answersRounds = statusDepts === null || statusDepts.length > 0;

  const findingQueries = writesPlans
    ? (coordinatorDepts ?? [null]).flatMap((d) =>
        ['assigned', 'planDrafted'].map((state) => `/findings?state=${state}&limit=100${d ? `&departmentId=${d}` : ''}`),
      )
    : [];
  const findings = useQueries({ queries: findingQueries.map((path) => ({ queryKey: ['needs', path], queryFn: () => get<Page<FindingRow>>(path) })) });
  const rounds = useQuery({ queryKey: ['rounds'], queryFn: () => get<{ items: Round[] }>('/rounds'), enabled: answersRounds || central });
  const openRounds = (rounds.data?.items ?? []).filter((r) => r.state === 'open');
  const roundDetails = useQueries({ queries: openRounds.map((r) => ({ queryKey: ['rounds', r.id], queryFn: () => get<RoundDetail>(`/rounds/${r.id}`) })) });
  const submittedPlans = useQuery({ queryKey: ['plans', 'submitted'], queryFn: () => get<Page<PlanRow>>('/plans?state=submitted&limit=100'), enabled: central });

  if (!writesPlans && !answersRounds && !central) return null;

  // One finding can match for several departments and both states: show it once, with the departments.
  const toWrite = new Map<string, { finding: FindingRow; codes: Set<string> }>();
  findingQueries.forEach((path, i) => {
    const state = path.includes('state=assigned') ? 'assigned' : 'planDrafted';
    const dept = /departmentId=([^&]+)/.exec(path)?.[1] ?? null;
    for (const f of findings[i]?.data?.items ?? []) {
      const entry = toWrite.get(f.id) ?? { finding: f, codes: new Set<string>() };
      for (const d of f.departments) if (d.state === state && (dept === null || d.departmentId === dept)) entry.codes.add(d.code);
      toWrite.set(f.id, entry);
    }
  });
  const mine = (departmentId: string) => statusDepts === null || statusDepts.includes(departmentId);
  const statusesDue = roundDetails.flatMap((q) =>
    (q.data?.departments ?? []).filter((d) => mine(d.departmentId) && d.state !== 'submitted' && d.state !== 'accepted').map((d) => ({ round: q.data!, dept: d })),
  );
  const answersWaiting = roundDetails.flatMap((q) => (q.data?.departments ?? []).filter((d) => d.state === 'submitted').map((d) => ({ round: q.data!, dept: d })));
  const loading = findings.some((q) => q.isPending) || (rounds.isFetching && !rounds.data) || roundDetails.some((q) => q.isPending) || (central && submittedPlans.isPending);
  const n = (v: number) => formatNumber(v, lang);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="what-needs-me">
      <Title order={3} size="h5" mb="xs" id="what-needs-me">
        {t('activity.needs.title')}
      </Title>
      {loading ? (
        <Loader size="sm" role="status" aria-label={t('app.loading')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          {writesPlans && (
            <Section title={t('activity.needs.plansToWrite', { context })} count={toWrite.size}>
              {toWrite.size === 0 ? (
                <Text size="sm">{t('activity.needs.nothing')}</Text>
              ) : (
                <Stack component="ul" gap={2} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {[...toWrite.values()].slice(0, 8).map(({ finding, codes }) => (
                    <li key={finding.id}>
                      <Anchor component={Link} to={`/findings/${finding.id}`} size="sm">
                        {finding.reportYear} · {finding.number}. {finding.title}
                      </Anchor>
                      <Text span size="xs">
                        {' '}
                        ({[...codes].join(', ')})
                      </Text>
                    </li>
                  ))}
                  {toWrite.size > 8 && <Text size="xs">{t('activity.needs.more', { count: toWrite.size - 8 })}</Text>}
                </Stack>
              )}
            </Section>
          )}
          {answersRounds && (
            <Section title={t('activity.needs.statusesDue')} count={statusesDue.length}>
              {statusesDue.length === 0 ? (
                <Text size="sm">{t('activity.needs.nothing')}</Text>
              ) : (
                <Stack component="ul" gap={2} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {statusesDue.map(({ round, dept }) => (
                    <Text component="li" size="sm" key={`${round.id}-${dept.departmentId}`}>
                      {t('activity.needs.roundLine', { round: round.name, code: dept.code, answered: n(dept.answered), total: n(dept.total), due: formatDay(round.dueOn, lang) })}
                    </Text>
                  ))}
                </Stack>
              )}
            </Section>
          )}
          {central && (
            <Section title={t('activity.needs.approvals')} count={(submittedPlans.data?.items.length ?? 0) + answersWaiting.length}>
              {(submittedPlans.data?.items.length ?? 0) + answersWaiting.length === 0 ? (
                <Text size="sm">{t('activity.needs.nothing')}</Text>
              ) : (
                <Stack component="ul" gap={2} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {(submittedPlans.data?.items ?? []).map((p) => (
                    <li key={p.id}>
                      <Text span size="sm">
                        {t('activity.needs.planSubmitted', { context, code: p.departmentCode })}{' '}
                      </Text>
                      {p.finding && (
                        <Anchor component={Link} to={`/findings/${p.finding.id}`} size="sm">
                          {p.finding.reportYear} · {p.finding.number}. {p.finding.title}
                        </Anchor>
                      )}
                    </li>
                  ))}
                  {answersWaiting.map(({ round, dept }) => (
                    <Text component="li" size="sm" key={`${round.id}-${dept.departmentId}`}>
                      {t('activity.needs.answerSubmitted', { round: round.name, code: dept.code })}
                    </Text>
                  ))}
                </Stack>
              )}
            </Section>
          )}
        </SimpleGrid>
      )}
    </Paper>
  );
}

export default WhatNeedsMe;
