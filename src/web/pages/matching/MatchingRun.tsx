import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, get } from '../../api';
import { errorAlertStyles } from '../../components/activity/forms';
import { ListPager } from '../../components/filters';
import { parseSort, SortableTh } from '../../components/sorting';
import { formatDay, formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import {
  finished,
  mayRun,
  money,
  RunProgress,
  RunStateBadge,
  sideTally,
  useFailureText,
  useRunPoll,
  type DifferenceRow,
  type ItemPage,
  type MatchingGroup,
  type MatchingItem,
  type MatchingRun as Run,
  type MatchingSystem,
  type PassRule,
  type Side,
} from './shared';

const PAGE = 50;
const TABS = ['unmatched', 'suggestions', 'timing', 'differences'] as const;
type Tab = (typeof TABS)[number];
const BY = ['account', 'case', 'month'] as const;

const bytes = (n: number, lang: Language) => (n >= 1024 * 1024 ? `${formatNumber(Math.round((n / 1024 / 1024) * 10) / 10, lang)} MB` : `${formatNumber(Math.ceil(n / 1024), lang)} kB`);

/** A number of a summary entry under the first of the names the pipeline may use (`leftRows` or `left.rows`). */
function num(obj: unknown, ...paths: string[]): number {
  for (const p of paths) {
    const v = p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
    if (typeof v === 'number') return v;
  }
  return 0;
}

/** A status line the screen reader announces (results of decisions, unmasking). */
function Announcement({ text }: { text: string | null }) {
  return (
    <Text role="status" aria-live="polite" size="sm" fw={600}>
      {text ?? ''}
    </Text>
  );
}

function usePassText() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (pass: PassRule | undefined, fallback: string | undefined) => {
    switch (pass?.kind) {
      case 'exact':
        return t(pass.useDate ? 'matching.passKinds.exactDate' : 'matching.passKinds.exact');
      case 'tolerance':
        return t('matching.passKinds.tolerance', { amount: money(pass.amountOre, lang), percent: formatNumber(pass.amountPercent, lang), days: pass.dateWindowDays });
      case 'split':
        return t(pass.byMonth ? 'matching.passKinds.splitMonth' : 'matching.passKinds.split', { max: pass.maxCandidates });
      case 'timing':
        return t('matching.passKinds.timing', { days: pass.lastDays });
      default:
        return fallback ?? '';
    }
  };
}

/** The run's result per pass, with what is left over on each side. */
function PassSummary({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const passText = usePassText();
  const passes = Array.isArray(run.summary?.passes) ? (run.summary.passes as unknown[]) : [];
  const rules = run.rules?.passes ?? [];
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder striped captionSide="top">
        <Table.Caption ta="left">{t('matching.run.summaryCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('matching.run.pass')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.groups')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.leftRows')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.leftAmount')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.rightRows')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.rightAmount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('matching.run.readRow')}</Table.Th>
            <Table.Td />
            <Table.Td ta="right">{formatNumber(num(run.summary?.left, 'rows'), lang)}</Table.Td>
            <Table.Td ta="right">{money(num(run.summary?.left, 'amountOre'), lang)}</Table.Td>
            <Table.Td ta="right">{formatNumber(num(run.summary?.right, 'rows'), lang)}</Table.Td>
            <Table.Td ta="right">{money(num(run.summary?.right, 'amountOre'), lang)}</Table.Td>
          </Table.Tr>
          {passes.map((p, i) => {
            const index = num(p, 'index') || i;
            return (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={400}>
                  {`${index + 1}. ${passText(rules[index], run.rulesText[index]?.replace(/^\d+\.\s*/, ''))}`}
                </Table.Th>
                <Table.Td ta="right">{formatNumber(num(p, 'groups'), lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(num(p, 'leftRows'), lang)}</Table.Td>
                <Table.Td ta="right">{money(num(p, 'leftAmountOre'), lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(num(p, 'rightRows'), lang)}</Table.Td>
                <Table.Td ta="right">{money(num(p, 'rightAmountOre'), lang)}</Table.Td>
              </Table.Tr>
            );
          })}
          {(['unmatched', 'timing', 'suggested'] as const).map((k) => {
            const l = sideTally(run.summary, k, 'left');
            const r = sideTally(run.summary, k, 'right');
            if (!l && !r) return null;
            return (
              <Table.Tr key={k}>
                <Table.Th scope="row">{t(`matching.run.restRow.${k}`)}</Table.Th>
                <Table.Td />
                <Table.Td ta="right">{formatNumber(l?.rows ?? 0, lang)}</Table.Td>
                <Table.Td ta="right">{money(l?.ore ?? 0, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r?.rows ?? 0, lang)}</Table.Td>
                <Table.Td ta="right">{money(r?.ore ?? 0, lang)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface SystemReconciliation {
  id: string;
  departmentId: string;
  system: string;
  target: 'ledger' | 'debtorSystem';
  period: string;
  differenceOre: number;
  explanation: string | null;
  actionPlan: { id: string; state: string; deadline: string | null } | null;
}

/** The system reconciliation entry the run's difference feeds (shown in the committee view). */
function ReconciliationLine({ run, system }: { run: Run; system: MatchingSystem | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const entries = useQuery({
    queryKey: ['system-reconciliations', system?.code, run.period],
    queryFn: () => get<SystemReconciliation[]>(`/system-reconciliations?period=${encodeURIComponent(run.period)}&system=${encodeURIComponent(system!.code)}`),
    enabled: Boolean(system && run.systemReconciliationId),
  });
  const entry = entries.data?.find((e) => e.id === run.systemReconciliationId);
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        {t('matching.run.reconciliation')}
      </Title>
      {!run.systemReconciliationId ? (
        <Text size="sm">{t('matching.run.reconciliationNone')}</Text>
      ) : entry ? (
        <>
          <Text size="sm">{t('matching.run.reconciliationLine', { system: entry.system, target: t(`balance.plans.systemTargets.${entry.target}`), period: entry.period, amount: money(entry.differenceOre, lang) })}</Text>
          {entry.explanation && <Text size="sm">{entry.explanation}</Text>}
          {entry.actionPlan && (
            <Anchor component={Link} to={`/plans/${entry.actionPlan.id}`} size="sm">
              {t('matching.run.reconciliationPlan')}
            </Anchor>
          )}
          {!entry.actionPlan && entry.differenceOre !== 0 && <SystemPlanForm entry={entry} />}
        </>
      ) : null}
      <Anchor component={Link} to="/balance/committees" size="sm">
        {t('matching.run.reconciliationCommittee')}
      </Anchor>
    </Stack>
  );
}

/**
 * A system reconciliation with a difference and no plan: the difference needs an action plan
 * (its responsible and deadline; the rest is written in the plan editor), made here by those who
 * write the department's plans (central coordination or the department's coordinator).
 */
function SystemPlanForm({ entry }: { entry: SystemReconciliation }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayCreate = mayRun(session, entry.departmentId);

  const create = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const plan = await api<{ id: string }>('POST', `/system-reconciliations/${entry.id}/action-plan`, { responsible, deadline });
      await client.invalidateQueries({ queryKey: ['system-reconciliations'] });
      void navigate(`/plans/${plan.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^body\./, ''), x.message])));
        setFailure(e.detail ? `${t('matching.run.planFailed')}: ${e.detail}` : t('matching.run.planFailed'));
      } else setFailure(t('matching.run.planFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text size="sm">{t('matching.run.planNeeded')}</Text>
        {mayCreate && (
          <>
            {failure && (
              <Alert color="red.9" variant="light" role="alert" p="xs" styles={errorAlertStyles}>
                <Text size="sm">{failure}</Text>
              </Alert>
            )}
            <Group align="start" gap="sm" wrap="wrap">
              <TextInput label={t('matching.run.planResponsible')} description={t('matching.run.planResponsibleHint')} value={responsible} required error={errors.responsible} onChange={(e) => { setResponsible(e.currentTarget.value); setErrors(({ responsible: _r, ...rest }) => rest); }} w={260} />
              <TextInput label={t('matching.run.planDeadline')} description={t('matching.run.planDeadlineHint')} value={deadline} required error={errors.deadline} onChange={(e) => { setDeadline(e.currentTarget.value); setErrors(({ deadline: _d, ...rest }) => rest); }} w={260} />
            </Group>
            <Group>
              <Button onClick={() => void create()} loading={busy}>
                {t('matching.run.planCreate')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Unmatched or timing items of one run, a page at a time, with the side in the URL; selectable for a manual match. */
function ItemsTable(props: {
  run: Run;
  state: 'unmatched' | 'timing';
  /** Whether the system's layouts have a CPR column at all. */
  withCpr: boolean;
  selected?: Map<string, MatchingItem>;
  onToggle?: (item: MatchingItem, on: boolean) => void;
  onAnnounce: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const side = params.get('side') === 'left' || params.get('side') === 'right' ? (params.get('side') as Side) : null;
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const sort = parseSort(params.get('sort'));
  const query = new URLSearchParams({ state: props.state, limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (side) query.set('side', side);
  if (sort.key) query.set('sort', params.get('sort')!);
  const items = useQuery({
    queryKey: ['matching-items', props.run.id, props.state, side, page, sort.key, sort.descending],
    queryFn: () => get<ItemPage>(`/matching-runs/${props.run.id}/items?${query}`),
    placeholderData: keepPreviousData,
  });
  const [clear, setClear] = useState<Record<string, string>>({});
  const [unmasking, setUnmasking] = useState<string | null>(null);
  const sideName = (s: Side) => t(`matching.sides.${s}`);

  async function unmask(item: MatchingItem) {
    setUnmasking(item.id);
    try {
      const r = await api<{ itemId: string; cpr: string }>('POST', `/matching-items/${item.id}/cpr`);
      setClear((c) => ({ ...c, [item.id]: r.cpr }));
      props.onAnnounce(t('matching.items.cprShown', { side: sideName(item.side), line: item.line }));
    } catch (e) {
      props.onAnnounce(`${t('matching.items.cprFailed')}: ${e instanceof ApiError ? (e.detail ?? e.title) : String(e)}`);
    } finally {
      setUnmasking(null);
    }
  }

  const rows = items.data?.items ?? [];
  const canUnmask = items.data?.canUnmask ?? false;
  const selectable = Boolean(props.onToggle);
  const total = items.data?.total ?? 0;
  return (
    <Stack gap="sm">
      <Group align="end" gap="md">
        <NativeSelect
          label={t('matching.items.side')}
          value={side ?? ''}
          onChange={(e) => set('side', e.currentTarget.value || null)}
          data={[
            { value: '', label: t('matching.items.allSides') },
            { value: 'left', label: sideName('left') },
            { value: 'right', label: sideName('right') },
          ]}
          w={220}
        />
        <Text size="sm" aria-live="polite">
          {t('matching.items.count', { count: total })}
        </Text>
      </Group>
      {canUnmask && rows.some((r) => r.cpr) && (
        <Text size="sm" c="dimmed">
          {t('matching.items.cprLogged')}
        </Text>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder captionSide="top" verticalSpacing={4}>
          <Table.Caption ta="left">{t(props.state === 'timing' ? 'matching.items.timingCaption' : 'matching.items.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {selectable && (
                <Table.Th scope="col">
                  <Checkbox
                    aria-label={t('matching.items.selectAll')}
                    checked={rows.length > 0 && rows.every((r) => props.selected!.has(r.id))}
                    indeterminate={rows.some((r) => props.selected!.has(r.id)) && !rows.every((r) => props.selected!.has(r.id))}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      for (const r of rows) props.onToggle!(r, on);
                    }}
                  />
                </Table.Th>
              )}
              <Table.Th scope="col">{t('matching.items.side')}</Table.Th>
              <SortableTh column="line" sort={sort} onSort={(next) => set('sort', next)} ta="right">
                {t('matching.items.line')}
              </SortableTh>
              <SortableTh column="date" sort={sort} onSort={(next) => set('sort', next)}>
                {t('matching.items.date')}
              </SortableTh>
              <SortableTh column="caseId" sort={sort} onSort={(next) => set('sort', next)}>
                {t('matching.items.caseId')}
              </SortableTh>
              <SortableTh column="account" sort={sort} onSort={(next) => set('sort', next)}>
                {t('matching.items.account')}
              </SortableTh>
              {props.withCpr && <Table.Th scope="col">{t('matching.items.cpr')}</Table.Th>}
              <Table.Th scope="col">{t('matching.items.text')}</Table.Th>
              <SortableTh column="amount" sort={sort} onSort={(next) => set('sort', next)} ta="right">
                {t('matching.items.amount')}
              </SortableTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7 + (selectable ? 1 : 0) + (props.withCpr ? 1 : 0)}>{items.isFetching ? '' : t('matching.items.none')}</Table.Td>
              </Table.Tr>
            )}
            {rows.map((item) => (
              <Table.Tr key={item.id} bg={props.selected?.has(item.id) ? 'var(--mantine-primary-color-light)' : undefined}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('matching.items.select', { side: sideName(item.side), line: item.line })}
                      checked={props.selected!.has(item.id)}
                      onChange={(e) => props.onToggle!(item, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  {sideName(item.side)}
                  {item.carried && (
                    <Badge ml={6} size="xs" color="gray.8" variant="filled" title={t('matching.items.carriedYes')}>
                      {t('matching.items.carried')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{item.line > 0 ? item.line : '–'}</Table.Td>
                <Table.Td>{item.date ? formatDay(item.date, lang) : ''}</Table.Td>
                <Table.Td>{item.caseId ?? ''}</Table.Td>
                <Table.Td>{item.account ?? ''}</Table.Td>
                {props.withCpr && (
                <Table.Td>
                  {item.cpr && (
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" ff="monospace">
                        {clear[item.id] ?? item.cpr}
                      </Text>
                      {canUnmask && !clear[item.id] && (
                        <Button size="compact-xs" variant="light" loading={unmasking === item.id} aria-label={t('matching.items.showCprLabel', { side: sideName(item.side), line: item.line })} onClick={() => void unmask(item)}>
                          {t('matching.items.showCpr')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
                )}
                <Table.Td>{item.text ?? ''}</Table.Td>
                <Table.Td ta="right">{money(item.amountOre, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListPager page={page} total={total} pageSize={PAGE} onChange={(p) => set('page', String(p))} />
    </Stack>
  );
}

/** The items chosen for a manual match, their sums and the note the server asks for when they differ. */
function ManualMatch({ run, selected, onClear, onAnnounce }: { run: Run; selected: Map<string, MatchingItem>; onClear: () => void; onAnnounce: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const items = [...selected.values()];
  const left = items.filter((i) => i.side === 'left');
  const right = items.filter((i) => i.side === 'right');
  const leftOre = left.reduce((s, i) => s + i.amountOre, 0);
  const rightOre = right.reduce((s, i) => s + i.amountOre, 0);
  const differs = leftOre !== rightOre;
  const ready = left.length > 0 && right.length > 0 && (!differs || note.trim().length > 0);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/matching-runs/${run.id}/matches`, { itemIds: items.map((i) => i.id), ...(note.trim() ? { note: note.trim() } : {}) });
      const fresh = await get<Run>(`/matching-runs/${run.id}`);
      queryClient.setQueryData(['matching-run', run.id], fresh);
      await queryClient.invalidateQueries({ queryKey: ['matching-items', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['matching-differences', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['system-reconciliations'] });
      await queryClient.invalidateQueries({ queryKey: ['matching-runs'] });
      setNote('');
      onClear();
      onAnnounce(t('matching.manual.done', { amount: money(fresh.differenceOre ?? 0, lang) }));
    } catch (e) {
      setError(e instanceof ApiError ? [e.detail ?? e.title, ...e.errors.map((f) => f.message)].join(' · ') : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="matching-manual">
      <Stack gap="xs">
        <Title order={4} id="matching-manual">
          {t('matching.manual.title')}
        </Title>
        <Text size="sm" aria-live="polite">
          {left.length && right.length
            ? t('matching.manual.selected', { left: left.length, right: right.length, leftAmount: money(leftOre, lang), rightAmount: money(rightOre, lang), difference: money(leftOre - rightOre, lang) })
            : t('matching.manual.nothing')}
        </Text>
        <Textarea label={t('matching.manual.note')} description={t('matching.manual.noteHint')} required={differs && left.length > 0 && right.length > 0} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} maxRows={4} maw={600} />
        {error && (
          <Alert color="red" variant="light" role="alert" styles={errorAlertStyles} title={t('matching.manual.failed')}>
            {error}
          </Alert>
        )}
        <Group>
          <Button onClick={() => void submit()} disabled={!ready} loading={busy}>
            {t('matching.manual.submit')}
          </Button>
          <Button variant="default" onClick={onClear} disabled={items.length === 0}>
            {t('matching.manual.clear')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Suggestions of the 1:n / n:1 pass, each confirmed or rejected by those who run the system. */
function Suggestions({ run, mayDecide, onAnnounce }: { run: Run; mayDecide: boolean; onAnnounce: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const queryClient = useQueryClient();
  const groups = useQuery({ queryKey: ['matching-groups', run.id, 'suggested'], queryFn: () => get<MatchingGroup[]>(`/matching-runs/${run.id}/groups?status=suggested`) });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(group: MatchingGroup, decision: 'confirm' | 'reject') {
    setBusy(`${group.id}:${decision}`);
    setError(null);
    try {
      await api('POST', `/matching-runs/${run.id}/groups/${group.id}/${decision}`);
      const fresh = await get<Run>(`/matching-runs/${run.id}`);
      queryClient.setQueryData(['matching-run', run.id], fresh);
      await queryClient.invalidateQueries({ queryKey: ['matching-groups', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['matching-items', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['matching-differences', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['system-reconciliations'] });
      await queryClient.invalidateQueries({ queryKey: ['matching-runs'] });
      onAnnounce(t(decision === 'confirm' ? 'matching.suggestions.confirmed' : 'matching.suggestions.rejected', { amount: money(fresh.differenceOre ?? 0, lang) }));
    } catch (e) {
      setError(e instanceof ApiError ? (e.detail ?? e.title) : String(e));
    } finally {
      setBusy(null);
    }
  }

  const list = groups.data ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm">{t('matching.suggestions.intro')}</Text>
      {error && (
        <Alert color="red" variant="light" role="alert" styles={errorAlertStyles} title={t('matching.suggestions.failed')}>
          {error}
        </Alert>
      )}
      {groups.data && list.length === 0 && <Text>{t('matching.suggestions.none')}</Text>}
      {list.map((g, i) => {
        const number = i + 1;
        const title = t('matching.suggestions.group', { number });
        return (
          <Paper key={g.id} withBorder p="sm" component="section" aria-labelledby={`matching-group-${g.id}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={4} size="h5" id={`matching-group-${g.id}`}>
                  {title}
                </Title>
                <Text size="sm">{t('matching.suggestions.sums', { left: money(g.leftOre, lang), right: money(g.rightOre, lang) })}</Text>
              </Group>
              <Table withTableBorder verticalSpacing={2} aria-labelledby={`matching-group-${g.id}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('matching.items.side')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('matching.items.line')}
                    </Table.Th>
                    <Table.Th scope="col">{t('matching.items.date')}</Table.Th>
                    <Table.Th scope="col">{t('matching.items.caseId')}</Table.Th>
                    <Table.Th scope="col">{t('matching.items.cpr')}</Table.Th>
                    <Table.Th scope="col">{t('matching.items.text')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('matching.items.amount')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>{t(`matching.sides.${item.side}`)}</Table.Td>
                      <Table.Td ta="right">{item.line > 0 ? item.line : '–'}</Table.Td>
                      <Table.Td>{item.date ? formatDay(item.date, lang) : ''}</Table.Td>
                      <Table.Td>{item.caseId ?? ''}</Table.Td>
                      <Table.Td ff="monospace">{item.cpr ?? ''}</Table.Td>
                      <Table.Td>{item.text ?? ''}</Table.Td>
                      <Table.Td ta="right">{money(item.amountOre, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {mayDecide && (
                <Group>
                  <Button size="xs" onClick={() => void decide(g, 'confirm')} loading={busy === `${g.id}:confirm`} disabled={busy !== null} aria-label={t('matching.suggestions.confirmLabel', { number })}>
                    {t('matching.suggestions.confirm')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => void decide(g, 'reject')} loading={busy === `${g.id}:reject`} disabled={busy !== null} aria-label={t('matching.suggestions.rejectLabel', { number })}>
                    {t('matching.suggestions.reject')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** The unmatched difference by account, case or month (left +, right −). */
function Differences({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const by = (BY as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as (typeof BY)[number]) : 'account';
  const rows = useQuery({ queryKey: ['matching-differences', run.id, by], queryFn: () => get<{ rows: DifferenceRow[] }>(`/matching-runs/${run.id}/differences?by=${by}`), placeholderData: keepPreviousData });
  const byLabel = t(`matching.differences.byOptions.${by}`);
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('matching.differences.by')}
        value={by}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          next.set('by', e.currentTarget.value);
          setParams(next, { replace: true });
        }}
        data={BY.map((b) => ({ value: b, label: t(`matching.differences.byOptions.${b}`) }))}
        w={220}
      />
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption ta="left">{t('matching.differences.caption', { by: byLabel.toLocaleLowerCase(lang) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{byLabel}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.leftCount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.leftAmount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.rightCount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.rightAmount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.difference')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data && rows.data.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t('matching.differences.none')}</Table.Td>
              </Table.Tr>
            )}
            {(rows.data?.rows ?? []).map((r) => (
              <Table.Tr key={r.key ?? ''}>
                <Table.Th scope="row" fw={400}>
                  {r.key ?? t('matching.differences.noKey')}
                </Table.Th>
                <Table.Td ta="right">{formatNumber(r.leftCount, lang)}</Table.Td>
                <Table.Td ta="right">{money(r.leftOre, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.rightCount, lang)}</Table.Td>
                <Table.Td ta="right">{money(r.rightOre, lang)}</Table.Td>
                <Table.Td ta="right">{money(r.differenceOre, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One matching run: its files and progress, the result per pass, the difference, and the items to work through. */
export default function MatchingRun() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { id } = useParams();
  const session = useSession();
  const failure = useFailureText();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'unmatched';
  const run = useRunPoll(id);
  const systems = useQuery({ queryKey: ['matching-systems'], queryFn: () => get<MatchingSystem[]>('/matching-systems') });
  // decisions apply to the latest succeeded run of the system and month only (the one its entry reflects)
  const siblings = useQuery({
    queryKey: ['matching-runs', run.data?.systemId, run.data?.period],
    queryFn: () => get<Run[]>(`/matching-runs?systemId=${run.data!.systemId}&period=${run.data!.period}&limit=20`),
    enabled: run.data?.state === 'succeeded',
  });
  const [selected, setSelected] = useState<Map<string, MatchingItem>>(new Map());
  const [announcement, setAnnouncement] = useState<string | null>(null);

  if (run.error) {
    const notFound = run.error instanceof ApiError && run.error.status === 404;
    return (
      <Stack>
        <Anchor component={Link} to="/balance/matching">
          {t('matching.run.back')}
        </Anchor>
        <Title order={2}>{notFound ? t('matching.run.notFound') : String(run.error)}</Title>
      </Stack>
    );
  }
  const r = run.data;
  const system = systems.data?.find((s) => s.id === r?.systemId);
  const code = system?.code ?? '';
  const withCpr = Boolean(system?.left.columns.cpr || system?.right.columns.cpr);
  const latest = siblings.data?.find((x) => x.state === 'succeeded');
  const superseded = Boolean(latest && r && latest.id !== r.id);
  const mayDecide = Boolean(system && mayRun(session, system.departmentId)) && !superseded;
  const toggle = (item: MatchingItem, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(item.id, item);
      else next.delete(item.id);
      return next;
    });
  const setTab = (value: string | null) => {
    const next = new URLSearchParams();
    if (value && value !== 'unmatched') next.set('tab', value);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Anchor component={Link} to="/balance/matching">
        {t('matching.run.back')}
      </Anchor>
      <Group justify="space-between" align="center">
        <Title order={2}>{t('matching.run.title', { system: code, period: r?.period ?? '' })}</Title>
        {r && <RunStateBadge state={r.state} />}
      </Group>
      {r && (
        <>
          {system && (
            <Text size="sm">
              {system.name} · {t(`matching.targets.${system.target}`)}
            </Text>
          )}
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('matching.run.files')}
            </Text>
            {(['left', 'right'] as const).map((s) => (
              <Text size="sm" key={s}>
                {t('matching.run.fileLine', { side: t(`matching.sides.${s}`), name: r[s].fileName, size: bytes(r[s].bytes, lang) })}
              </Text>
            ))}
          </Stack>
          {/* the state is announced when it changes (the badge shows it); the bar's every-second percent is not */}
          <VisuallyHidden role="status">{t(`matching.state.${r.state}`)}</VisuallyHidden>
          {!finished(r.state) && <RunProgress run={r} lang={lang} label={t('matching.progressLabel', { system: code, period: r.period })} />}
          {r.state === 'failed' && r.error && (
            <Alert color="red" variant="light" role="alert" styles={errorAlertStyles} title={t('matching.run.failedTitle')}>
              {failure(r.error)}
            </Alert>
          )}
        </>
      )}
      {r?.state === 'succeeded' && (
        <>
          {superseded && latest && (
            <Alert color="yellow" variant="light" role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }} title={t('matching.run.superseded')}>
              <Anchor component={Link} to={`/balance/matching/runs/${latest.id}`} size="sm">
                {t('matching.run.openLatest')}
              </Anchor>
            </Alert>
          )}
          <Title order={3}>{t('matching.run.summary')}</Title>
          <PassSummary run={r} />
          {Array.isArray(r.summary?.warnings) && r.summary.warnings.length > 0 && (
            <Alert color="yellow" variant="light" title={t('matching.run.warnings')} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
              <Stack gap={2}>
                {(r.summary.warnings as { side?: string; message?: string }[]).map((w, i) => (
                  <Text size="sm" key={i}>
                    {w.side === 'left' || w.side === 'right' ? `${t(`matching.sides.${w.side}`)}: ${w.message ?? ''}` : (w.message ?? '')}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap={0}>
              <Text size="sm" c="dimmed" id="matching-difference-label">
                {t('matching.run.difference')}
              </Text>
              <Text fw={700} size="xl" aria-labelledby="matching-difference-label" data-testid="matching-difference">
                {t('matching.run.differenceValue', { amount: money(r.differenceOre ?? 0, lang) })}
              </Text>
            </Stack>
            <ReconciliationLine run={r} system={system} />
          </SimpleGrid>
          <Stack gap={4}>
            <Title order={3} size="h4">
              {t('matching.run.downloads')}
            </Title>
            <Group gap="lg">
              {(
                [
                  ['matched.csv', 'downloadMatched'],
                  ['unmatched-left.csv', 'downloadLeft'],
                  ['unmatched-right.csv', 'downloadRight'],
                ] as const
              ).map(([file, key]) => (
                <Anchor key={file} href={`/api/v1/matching-runs/${r.id}/files/${file}`} download size="sm">
                  {t(`matching.run.${key}`)}
                </Anchor>
              ))}
            </Group>
          </Stack>
          <Announcement text={announcement} />
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List aria-label={t('matching.run.tabsLabel')}>
              {TABS.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`matching.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="unmatched" pt="sm">
              <Stack gap="sm">
                <ItemsTable run={r} state="unmatched" withCpr={withCpr} {...(mayDecide ? { selected, onToggle: toggle } : {})} onAnnounce={setAnnouncement} />
                {mayDecide && <ManualMatch run={r} selected={selected} onClear={() => setSelected(new Map())} onAnnounce={setAnnouncement} />}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="suggestions" pt="sm">
              <Suggestions run={r} mayDecide={mayDecide} onAnnounce={setAnnouncement} />
            </Tabs.Panel>
            <Tabs.Panel value="timing" pt="sm">
              <ItemsTable run={r} state="timing" withCpr={withCpr} onAnnounce={setAnnouncement} />
            </Tabs.Panel>
            <Tabs.Panel value="differences" pt="sm">
              <Differences run={r} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
