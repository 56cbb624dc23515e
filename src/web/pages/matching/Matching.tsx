import { Alert, Anchor, Button, FileInput, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, postForm } from '../../api';
import { errorAlertStyles } from '../../components/activity/forms';
import { useDepartments } from '../../components/filters';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import { finished, matchingKeys, useMatchingRuns, useMatchingSystems, type MatchingRun, type MatchingSystem } from '../../queries/matching';
import { LiveRunState, mayManage, mayRun, money, RunStateBadge, sideTally, useFailureText } from './shared';
import { SystemForm } from './SystemForm';

const ACCEPT = '.csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/**
 * Starts a run: the two extracts as multipart/form-data with the system and month (streamed to
 * disk by the server), the session's CSRF token like every change. Answers the queued run.
 */
const startRun = (form: FormData) => postForm<MatchingRun>('/matching-runs', form);

function StartRun({ systems }: { systems: MatchingSystem[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [systemId, setSystemId] = useState('');
  const [period, setPeriod] = useState(lastMonth());
  const [left, setLeft] = useState<File | null>(null);
  const [right, setRight] = useState<File | null>(null);
  const [failed, setFailed] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const system = systemId || systems[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!left || !right || !system) return;
    setBusy(true);
    setFailed(null);
    const form = new FormData();
    // the fields before the files: the server reads the parts in order
    form.append('systemId', system);
    form.append('period', period.trim());
    form.append('left', left);
    form.append('right', right);
    try {
      const run = await startRun(form);
      queryClient.setQueryData(matchingKeys.run(run.id), run);
      await queryClient.invalidateQueries({ queryKey: matchingKeys.runs });
      navigate(`/balance/matching/runs/${run.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const fields: Record<string, string> = {};
        for (const f of err.errors) fields[f.field.replace(/^body\./, '')] ??= f.message;
        setFailed({ message: err.detail ?? err.title, fields });
      } else setFailed({ message: t('app.error'), fields: {} });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="matching-start">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={3} id="matching-start">
            {t('matching.start.title')}
          </Title>
          <Group align="flex-start" gap="sm">
            <NativeSelect
              label={t('matching.start.system')}
              value={system}
              error={failed?.fields.systemId}
              onChange={(e) => setSystemId(e.currentTarget.value)}
              data={systems.map((s) => ({ value: s.id, label: s.name.startsWith(s.code) ? s.name : `${s.code} ${s.name}` }))}
              w={260}
            />
            <TextInput
              label={t('matching.start.period')}
              description={t('matching.start.periodHint')}
              value={period}
              error={failed?.fields.period}
              onChange={(e) => setPeriod(e.currentTarget.value)}
              w={140}
              required
            />
            {(['left', 'right'] as const).map((side) => (
              <FileInput
                key={side}
                label={t(`matching.start.${side}`)}
                placeholder={t('matching.start.filePlaceholder')}
                styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
                accept={ACCEPT}
                value={side === 'left' ? left : right}
                onChange={side === 'left' ? setLeft : setRight}
                error={failed?.fields[side]}
                clearable
                clearButtonProps={{ 'aria-label': t('matching.start.clearFile') }}
                required
                w={300}
                maw="100%"
              />
            ))}
          </Group>
          {failed && (
            <Alert color="red" variant="light" role="alert" styles={errorAlertStyles} title={t('matching.start.failed')}>
              {[failed.message, ...Object.entries(failed.fields).map(([k, v]) => `${k}: ${v}`)].join(' · ')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={!left || !right || !system}>
              {t('matching.start.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The matching engine's overview: systems with their latest run, the runs, a new run, a new system. */
export default function Matching() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const failure = useFailureText();
  const systems = useMatchingSystems();
  const runs = useMatchingRuns();
  const departments = useDepartments();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const byId = new Map((systems.data ?? []).map((s) => [s.id, s]));
  const runnable = (systems.data ?? []).filter((s) => mayRun(session, s.departmentId));
  const departmentCode = (id: string) => departments.data?.items.find((d) => d.id === id)?.code ?? '';
  const latest = (systemId: string) => (runs.data ?? []).find((r) => r.systemId === systemId);

  return (
    <Stack>
      <Title order={2}>{t('matching.title')}</Title>
      <Text size="sm">{t('matching.intro')}</Text>

      <Title order={3}>{t('matching.systems.title')}</Title>
      {systems.data && systems.data.length === 0 ? (
        <Text>{t('matching.systems.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption ta="left">{t('matching.systems.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matching.systems.code')}</Table.Th>
                <Table.Th scope="col">{t('matching.systems.name')}</Table.Th>
                <Table.Th scope="col">{t('matching.systems.target')}</Table.Th>
                <Table.Th scope="col">{t('matching.systems.department')}</Table.Th>
                <Table.Th scope="col">{t('matching.systems.lastRun')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('matching.systems.difference')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(systems.data ?? []).map((s) => {
                const r = latest(s.id);
                return (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.code}</Table.Td>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{t(`matching.targets.${s.target}`)}</Table.Td>
                    <Table.Td>{departmentCode(s.departmentId)}</Table.Td>
                    <Table.Td>
                      {r ? (
                        <Group gap="xs">
                          <Anchor
                            component={Link}
                            size="sm"
                            to={`/balance/matching/runs/${r.id}`}
                            aria-label={t('matching.runs.open', { system: s.code, period: r.period })}
                          >
                            {r.period}
                          </Anchor>
                          <RunStateBadge state={r.state} />
                        </Group>
                      ) : (
                        t('matching.systems.noRun')
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{r?.differenceOre !== null && r?.differenceOre !== undefined ? money(r.differenceOre, lang) : ''}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {created && (
        <Alert
          color="green"
          role="status"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
          title={t('matching.newSystem.created', { code: created })}
        >
          {null}
        </Alert>
      )}
      {mayManage(session) &&
        (creating ? (
          <Paper withBorder p="md" component="section">
            <SystemForm
              onDone={(s) => {
                setCreating(false);
                setCreated(s ? s.code : null);
              }}
            />
          </Paper>
        ) : (
          <Group>
            <Button variant="light" onClick={() => setCreating(true)}>
              {t('matching.newSystem.open')}
            </Button>
          </Group>
        ))}

      {runnable.length > 0 && <StartRun systems={runnable} />}

      <Title order={3}>{t('matching.runs.title')}</Title>
      {runs.data && runs.data.length === 0 ? (
        <Text>{t('matching.runs.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption ta="left">{t('matching.runs.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matching.runs.system')}</Table.Th>
                <Table.Th scope="col">{t('matching.runs.period')}</Table.Th>
                <Table.Th scope="col">{t('matching.runs.state')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('matching.runs.difference')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('matching.runs.unmatched')}
                </Table.Th>
                <Table.Th scope="col">{t('matching.runs.reason')}</Table.Th>
                <Table.Th scope="col">{t('matching.runs.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(runs.data ?? []).map((r) => {
                const code = byId.get(r.systemId)?.code ?? '';
                const left = sideTally(r.summary, 'unmatched', 'left');
                const right = sideTally(r.summary, 'unmatched', 'right');
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>{code}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        size="sm"
                        to={`/balance/matching/runs/${r.id}`}
                        aria-label={t('matching.runs.open', { system: code, period: r.period })}
                      >
                        {r.period}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {finished(r.state) ? (
                        <RunStateBadge state={r.state} />
                      ) : (
                        <LiveRunState run={r} lang={lang} label={t('matching.progressLabel', { system: code, period: r.period })} />
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{r.differenceOre === null ? '' : money(r.differenceOre, lang)}</Table.Td>
                    <Table.Td ta="right">{left && right ? `${left.rows} / ${right.rows}` : ''}</Table.Td>
                    <Table.Td>{r.error ? failure(r.error) : ''}</Table.Td>
                    <Table.Td>{formatDay(r.createdAt.slice(0, 10), lang)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
