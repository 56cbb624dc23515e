import { Badge, Group, Progress, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../api';
import { krOre } from '../../components/balance/money';
import type { Language } from '../../i18n';
import { finished, matchingKeys, useMatchingRun, type MatchingRun, type RunState, type Side } from '../../queries/matching';

/** Kroner and øre in the reader's locale: items are matched to the øre, so no rounding to whole kroner. */
export const money = (ore: number, lang: Language) => krOre(ore, lang);

/**
 * Who may start a run of a system, decide its suggestions and match by hand (the server's
 * matchingPolicy.run): central coordination, or the coordinator of the system's department.
 */
export function mayRun(session: SessionInfo, departmentId: string): boolean {
  return session.roles.some(
    (r) =>
      r.role === 'admin' ||
      r.role === 'centralCoordinator' ||
      (r.role === 'departmentCoordinator' && (r.departmentId === null || r.departmentId === departmentId)),
  );
}

export const mayManage = (session: SessionInfo) => session.roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');

/**
 * One side's rows and øre in a state, from a run's summary (the pipeline's MatchingSummary:
 * `summary.left.unmatched = { rows, amountOre }`), or null when the run has no summary.
 */
export function sideTally(
  summary: Record<string, unknown> | null | undefined,
  state: 'unmatched' | 'timing' | 'suggested' | 'matched',
  side: Side,
): { rows: number; ore: number } | null {
  const part = (summary?.[side] as Record<string, unknown> | undefined)?.[state] as { rows?: unknown; amountOre?: unknown } | undefined;
  if (!part || typeof part !== 'object') return null;
  return { rows: typeof part.rows === 'number' ? part.rows : 0, ore: typeof part.amountOre === 'number' ? part.amountOre : 0 };
}

/** The run's one-line failure: the side and line of a bad file, or the reason alone. */
export function useFailureText() {
  const { t, i18n } = useTranslation();
  return (error: NonNullable<MatchingRun['error']>) => {
    // the reader's message may begin with its own "line N:"; the line is given once, in the reader's language
    const detail = error.line !== undefined ? error.message.replace(/^line \d+:\s*/i, '') : error.message;
    // the code in the reader's language, the reader's English detail (it names the value) after it
    const key = `matching.errorCodes.${error.code}`;
    const message = i18n.exists(key) ? (detail && detail !== error.code ? `${t(key)} (${detail})` : t(key)) : detail;
    return error.side && error.line !== undefined
      ? t('matching.failureAt', {
          side: error.side === 'left' || error.side === 'right' ? t(`matching.sides.${error.side}`) : error.side,
          line: error.line,
          message,
        })
      : error.line !== undefined
        ? t('matching.failureLine', { line: error.line, message })
        : t('matching.failure', { message });
  };
}

export function RunStateBadge({ state }: { state: RunState }) {
  const { t } = useTranslation();
  // dark fills: white text keeps 4.5:1 (WCAG 1.4.3)
  const color = state === 'succeeded' ? '#1e6b2e' : state === 'failed' ? 'red.9' : 'blue.9';
  return (
    <Badge color={color} variant="filled" size="sm">
      {t(`matching.state.${state}`)}
    </Badge>
  );
}

/**
 * A run in progress: polls GET /matching-runs/{id} every second until it has finished, shows the
 * phase and a progress bar, and refreshes the lists that show the run once it is done.
 */
export function useRunPoll(id: string | undefined, initial?: MatchingRun) {
  const queryClient = useQueryClient();
  const run = useMatchingRun(id, initial);
  const state = run.data?.state;
  useEffect(() => {
    if (state && finished(state)) {
      void queryClient.invalidateQueries({ queryKey: matchingKeys.runs });
      void queryClient.invalidateQueries({ queryKey: matchingKeys.items(id) });
      void queryClient.invalidateQueries({ queryKey: matchingKeys.groups(id) });
    }
  }, [state, id, queryClient]);
  return run;
}

/** The phase and an accessible progress bar of a queued or running run. */
export function RunProgress({ run, label, lang, compact }: { run: MatchingRun; label: string; lang: Language; compact?: boolean }) {
  const { t } = useTranslation();
  const percent = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang === 'sv' ? 'sv-SE' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 }).format(
    run.progress,
  );
  const phase =
    run.phase && ['read', 'match', 'write', 'store'].includes(run.phase)
      ? t(`matching.phase.${run.phase}`)
      : run.state === 'queued' && run.queuePosition
        ? t('matching.run.queued', { position: run.queuePosition })
        : t('matching.run.waiting');
  return (
    <Group gap="xs" wrap="nowrap" miw={compact ? 160 : 280}>
      <Progress value={run.progress * 100} size={compact ? 'sm' : 'lg'} style={{ flex: 1 }} aria-label={label} animated={run.state === 'running'} />
      <Text size="sm">{t('matching.run.progress', { phase, percent })}</Text>
    </Group>
  );
}

/** A run of the runs list that is not finished: polled on its own, so the list itself stays still. */
export function LiveRunState({ run, label, lang }: { run: MatchingRun; label: string; lang: Language }) {
  const live = useRunPoll(run.id, run).data ?? run;
  return finished(live.state) ? (
    <RunStateBadge state={live.state} />
  ) : (
    <Group gap="xs" wrap="nowrap">
      <RunStateBadge state={live.state} />
      <RunProgress run={live} label={label} lang={lang} compact />
    </Group>
  );
}
