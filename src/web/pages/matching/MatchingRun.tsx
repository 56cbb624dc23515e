import { Alert, Anchor, Group, SimpleGrid, Stack, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { errorAlertStyles } from '../../components/activity/forms';
import { formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { finished, useMatchingSystems, useSystemMonthRuns, type MatchingItem } from '../../queries/matching';
import { useSession } from '../../session';
import { Suggestions, ManualMatch } from './run/Decisions';
import { Differences } from './run/Differences';
import { ItemsTable } from './run/ItemsTable';
import { PassSummary } from './run/PassSummary';
import { ReconciliationLine } from './run/ReconciliationLine';
import { mayRun, money, RunProgress, RunStateBadge, useFailureText, useRunPoll } from './shared';

const TABS = ['unmatched', 'suggestions', 'timing', 'differences'] as const;
type Tab = (typeof TABS)[number];

const bytes = (n: number, lang: Language) =>
  n >= 1024 * 1024 ? `${formatNumber(Math.round((n / 1024 / 1024) * 10) / 10, lang)} MB` : `${formatNumber(Math.ceil(n / 1024), lang)} kB`;

/** A status line the screen reader announces (results of decisions, unmasking). */
function Announcement({ text }: { text: string | null }) {
  return (
    <Text role="status" aria-live="polite" size="sm" fw={600}>
      {text ?? ''}
    </Text>
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
  const systems = useMatchingSystems();
  // decisions apply to the latest succeeded run of the system and month only (the one its entry reflects)
  const siblings = useSystemMonthRuns(run.data?.systemId, run.data?.period, run.data?.state === 'succeeded');
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
