import './side-by-side.css';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../../components/LoadState';
import type { Language } from '../../i18n';
import { useVocabulary } from '../../session';
import { ConfidentialBadge, GradeBadge } from '../../components/badges';
import { useDepartments } from '../../components/filters';
import { formatMonth } from '../../components/rounds/format';
import { StatusBadge } from '../../components/rounds/StatusBadge';
import type { MeasureDto } from '../../components/plans/draft';
import { useFinding } from '../../queries/findings';
import { measureQuery, planQuery } from '../../queries/plans';
import { roundsQuery } from '../../queries/rounds';

/** The measure as GET /plans/{id} gives it, the fields this view prints. */
type Measure = Pick<MeasureDto, 'id' | 'number' | 'title' | 'text' | 'responsibleUnit' | 'responsiblePerson' | 'deadline' | 'followUpPoint' | 'expectedEffect'>;

/**
 * The printed view users know: one finding, then per department its plan on the left and, on the
 * right, the status of the latest round (delays with reason and new date, completed measures with
 * the self-check) or, for a plan without status yet, its follow-up plan.
 */
export default function SideBySide() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const finding = useFinding(id ?? '');
  const departments = useDepartments();
  const rounds = useQuery({ ...roundsQuery(), retry: false });
  const plans = useQueries({ queries: (finding.data?.plans ?? []).map((p) => planQuery(p.id)) });
  const measureIds = plans.flatMap((p) => p.data?.measures.map((m) => m.id) ?? []);
  const measures = useQueries({ queries: measureIds.map((mid) => measureQuery(mid)) });

  if (finding.isPending) return <Loading />;
  if (finding.isError) return <LoadError error={finding.error} />;
  const f = finding.data;
  const loading = plans.some((p) => p.isPending) || measures.some((m) => m.isPending);
  const detailOf = new Map(measures.flatMap((m) => (m.data ? [[m.data.id, m.data] as const] : [])));
  const statusesOf = new Map([...detailOf].map(([mid, d]) => [mid, d.statuses] as const));
  const roundById = new Map((rounds.data?.items ?? []).map((r) => [r.id, r]));
  const departmentName = (departmentId: string, code: string) => {
    const d = departments.data?.items.find((x) => x.id === departmentId);
    return d ? `${d.name} (${d.code})` : code;
  };

  return (
    <Stack gap="md" className="sbs-root">
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to={`/findings/${f.id}`} size="sm">
          {t('rounds.side.back', { context })}
        </Anchor>
        <Button size="xs" variant="default" onClick={() => window.print()}>
          {t('rounds.side.print')}
        </Button>
      </Group>
      <article className="sbs-finding" aria-labelledby="sbs-heading">
        <Stack gap="sm">
          <Text size="sm" className="no-print">
            {t('rounds.side.title', { context })}
          </Text>
          <Group gap="sm" align="center">
            <Title order={2} id="sbs-heading">
              {f.number}. {f.title}
            </Title>
            <GradeBadge grade={f.grade} />
            {f.confidential && <ConfidentialBadge />}
          </Group>
          <Text size="sm">
            {f.report.title} ({f.report.year})
          </Text>
          {loading && <Loading size="sm" />}
          {f.plans.length === 0 && <Text size="sm">{t('rounds.side.noPlans', { context })}</Text>}
          {plans.map((q, i) => {
            const plan = q.data;
            // Wait for every measure's statuses: a half-loaded plan would print a wrong column.
            if (!plan || plan.measures.some((m) => !statusesOf.has(m.id))) return null;
            // The latest status round with an entry for one of the plan's measures.
            const rows = plan.measures.flatMap((m) => (statusesOf.get(m.id) ?? []).map((s, order) => ({ ...s, measureId: m.id, order })));
            const rank = (r: { roundId: string; order: number }) => roundById.get(r.roundId)?.opensOn ?? String(r.order).padStart(4, '0');
            const latest = rows.reduce<(typeof rows)[number] | null>((best, r) => (!best || rank(r) > rank(best) ? r : best), null);
            const round = latest ? roundById.get(latest.roundId) : undefined;
            const statusByMeasure = new Map(rows.filter((r) => latest && r.roundId === latest.roundId).map((r) => [r.measureId, r]));
            // A measure finished in an earlier round keeps that status (it is not asked again).
            const earlierFinished = new Map(
              plan.measures.flatMap((m) => {
                const last = (statusesOf.get(m.id) ?? []).filter((s) => s.status === 'completed' || s.status === 'cancelled').at(-1);
                return last && !statusByMeasure.has(m.id) ? [[m.id, last] as const] : [];
              }),
            );
            // The plan column shows the deadline as planned: before a delay in this round moved it.
            const plannedDeadline = (m: Measure) => {
              const history = detailOf.get(m.id)?.deadlineHistory ?? [];
              const moved = statusByMeasure.get(m.id)?.status === 'delayed' && history.length > 1 && history.at(-1)?.source === 'statusEntry';
              return moved ? (history.at(-2)?.deadline ?? null) : m.deadline;
            };
            // The plan column is named by the answer's own decision date (its approval, else the day the
            // answer was sent), never by the round beside it.
            const approved = plan.approvals
              .map((a) => a.approvedOn)
              .sort()
              .at(-1);
            const sent = (plan.answers ?? [])
              .flatMap((a) => (a.kind !== 'uppfoljandeYttrande' && a.sentOn ? [a.sentOn] : []))
              .sort()
              .at(-1);
            const period = formatMonth(approved ?? sent ?? plan.updatedAt, lang);
            const headingId = `sbs-dep-${plan.id}`;
            return (
              <section key={plan.id} className="sbs-department" aria-labelledby={headingId}>
                <Title order={3} size="h4" id={headingId} mb={6}>
                  {t('rounds.side.department', { name: departmentName(plan.departmentId, plan.departmentCode) })}
                  {plan.crossCutting ? ` (${t('rounds.side.crossCutting')})` : ''}
                </Title>
                <div className="sbs-columns" data-index={i}>
                  <div className="sbs-col sbs-plan">
                    <Title order={4} size="h5" className="sbs-col-head">
                      {t('rounds.side.plan', { context, period })}
                    </Title>
                    {(plan.problem || plan.extent) && (
                      <Stack gap={4} mb="sm">
                        {plan.problem && <Text size="sm">{plan.problem}</Text>}
                        {plan.extent && <Text size="sm">{plan.extent}</Text>}
                      </Stack>
                    )}
                    <ol className="sbs-measures">
                      {plan.measures.map((m) => (
                        <li key={m.id}>
                          <span className="sbs-num">{m.number}.</span>
                          <Text size="sm" fw={600}>
                            {m.title}
                          </Text>
                          {m.text && <Text size="sm">{m.text}</Text>}
                          <Text size="sm">
                            {plannedDeadline(m) ? t('rounds.side.deadline', { deadline: plannedDeadline(m)!.display }) : t('rounds.side.noDeadline')}
                          </Text>
                          {(m.responsibleUnit || m.responsiblePerson) && (
                            <Text size="sm">{t('rounds.side.responsible', { name: [m.responsibleUnit, m.responsiblePerson].filter(Boolean).join(', ') })}</Text>
                          )}
                          {m.expectedEffect && <Text size="sm">{t('rounds.side.expectedEffect', { text: m.expectedEffect })}</Text>}
                        </li>
                      ))}
                    </ol>
                    {plan.overallDeadline && (
                      <Text size="sm" fw={600}>
                        {t('rounds.side.overallDeadline', { deadline: plan.overallDeadline.display })}
                      </Text>
                    )}
                  </div>
                  <div className="sbs-col sbs-status">
                    {latest ? (
                      <>
                        <Title order={4} size="h5" className="sbs-col-head">
                          {t('rounds.side.statusOf', { context, round: round?.name ?? latest.roundName })}
                        </Title>
                        <ol className="sbs-measures">
                          {plan.measures.map((m) => {
                            const earlier = earlierFinished.get(m.id);
                            const s = statusByMeasure.get(m.id) ?? earlier;
                            return (
                              <li key={m.id} data-measure={m.number}>
                                <span className="sbs-num">{m.number}.</span>
                                <Group gap={6} wrap="nowrap" align="start" justify="space-between">
                                  <Text size="sm" fw={600}>
                                    {m.title}
                                  </Text>
                                  <div style={{ flexShrink: 0 }}>
                                    <StatusBadge status={s?.status ?? null} />
                                  </div>
                                </Group>
                                {!s && <Text size="sm">{t('rounds.side.noStatus')}</Text>}
                                {earlier && <Text size="sm">{t('rounds.side.earlier', { round: earlier.roundName })}</Text>}
                                {s?.status === 'delayed' && (
                                  <div className="sbs-delayed">
                                    {s.reason && <Text size="sm">{t('rounds.side.reason', { text: s.reason })}</Text>}
                                    {s.newDeadline && (
                                      <Text size="sm" fw={600}>
                                        {t('rounds.side.newDeadline', { deadline: s.newDeadline.display })}
                                      </Text>
                                    )}
                                  </div>
                                )}
                                {s?.status === 'completed' && s.selfCheckResult && (
                                  <div className="sbs-completed">
                                    <Text size="sm">{t('rounds.side.selfCheck', { text: s.selfCheckResult })}</Text>
                                  </div>
                                )}
                                {s?.status === 'cancelled' && s.reason && <Text size="sm">{t('rounds.side.reason', { text: s.reason })}</Text>}
                                {s?.status === 'postponed' && s.reason && <Text size="sm">{t('rounds.side.waitingFor', { text: s.reason })}</Text>}
                                {s?.note && <Text size="sm">{s.note}</Text>}
                              </li>
                            );
                          })}
                        </ol>
                      </>
                    ) : (
                      <>
                        <Title order={4} size="h5" className="sbs-col-head">
                          {t('rounds.side.followUpPlan', { context })}
                        </Title>
                        <ol className="sbs-measures">
                          {plan.measures.map((m) => (
                            <li key={m.id}>
                              <span className="sbs-num">{m.number}.</span>
                              <Text size="sm" fw={600}>
                                {m.title}
                              </Text>
                              <Text size="sm">
                                {m.followUpPoint ? t('rounds.side.followUpPoint', { text: m.followUpPoint }) : t('rounds.side.noFollowUpPoint')}
                              </Text>
                            </li>
                          ))}
                        </ol>
                      </>
                    )}
                  </div>
                </div>
              </section>
            );
          })}
        </Stack>
      </article>
    </Stack>
  );
}
