import { Alert, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api';
import { errorAlertStyles } from '../../../components/activity/forms';
import { formatDay } from '../../../format';
import type { Language } from '../../../i18n';
import { useRefreshAfterDecision, useSuggestedGroups, type MatchingGroup, type MatchingItem, type MatchingRun as Run } from '../../../queries/matching';
import { money } from '../shared';

/** The items chosen for a manual match, their sums and the note the server asks for when they differ. */
export function ManualMatch({
  run,
  selected,
  onClear,
  onAnnounce,
}: {
  run: Run;
  selected: Map<string, MatchingItem>;
  onClear: () => void;
  onAnnounce: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const refresh = useRefreshAfterDecision();
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
      const fresh = await refresh(run.id, { groups: false });
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
            ? t('matching.manual.selected', {
                left: left.length,
                right: right.length,
                leftAmount: money(leftOre, lang),
                rightAmount: money(rightOre, lang),
                difference: money(leftOre - rightOre, lang),
              })
            : t('matching.manual.nothing')}
        </Text>
        <Textarea
          label={t('matching.manual.note')}
          description={t('matching.manual.noteHint')}
          required={differs && left.length > 0 && right.length > 0}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={1}
          maxRows={4}
          maw={600}
        />
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
export function Suggestions({ run, mayDecide, onAnnounce }: { run: Run; mayDecide: boolean; onAnnounce: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const refresh = useRefreshAfterDecision();
  const groups = useSuggestedGroups(run.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(group: MatchingGroup, decision: 'confirm' | 'reject') {
    setBusy(`${group.id}:${decision}`);
    setError(null);
    try {
      await api('POST', `/matching-runs/${run.id}/groups/${group.id}/${decision}`);
      const fresh = await refresh(run.id, { groups: true });
      onAnnounce(
        t(decision === 'confirm' ? 'matching.suggestions.confirmed' : 'matching.suggestions.rejected', { amount: money(fresh.differenceOre ?? 0, lang) }),
      );
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
                  <Button
                    size="xs"
                    onClick={() => void decide(g, 'confirm')}
                    loading={busy === `${g.id}:confirm`}
                    disabled={busy !== null}
                    aria-label={t('matching.suggestions.confirmLabel', { number })}
                  >
                    {t('matching.suggestions.confirm')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => void decide(g, 'reject')}
                    loading={busy === `${g.id}:reject`}
                    disabled={busy !== null}
                    aria-label={t('matching.suggestions.rejectLabel', { number })}
                  >
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
