import { Alert, Anchor, Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api';
import { formatDay, formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import { COMPONENTS, mayRunRiskModel, type Component } from '../../components/balance/risk';
import { fetchBackTest, riskKeys, useDefaultRiskModel, useRiskRuns, type BackTestResult, type RiskRun } from '../../queries/risk';

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};
const percent = (share: number, lang: Language) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang === 'sv' ? 'sv-SE' : 'da-DK', { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** The problem's field messages, one line each. */
const problemText = (e: unknown) =>
  e instanceof ApiError ? [e.message, ...(e.errors ?? []).map((f) => `${f.field}: ${f.message}`)].filter(Boolean).join(' · ') : String(e);

/** The risk model: its runs, a new run with editable weights, and the back-test. */
export default function RiskRuns() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mayRun = mayRunRiskModel(session.roles);
  const runs = useRiskRuns();
  const defaults = useDefaultRiskModel();
  const [asOf, setAsOf] = useState(lastMonth());
  const [weights, setWeights] = useState<Record<Component, number> | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (defaults.data && !weights) setWeights(defaults.data.weights);
  }, [defaults.data, weights]);

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [backTest, setBackTest] = useState<BackTestResult | null>(null);
  const [backTestError, setBackTestError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setRunError(null);
    try {
      const created = await api<RiskRun>('POST', '/risk-runs', { asOf, ...(weights ? { model: { weights } } : {}) });
      await queryClient.invalidateQueries({ queryKey: riskKeys.runs });
      navigate(`/balance/risk/${created.id}`);
    } catch (e) {
      setRunError(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setBackTestError(null);
    try {
      setBackTest(await fetchBackTest(from, to));
    } catch (e) {
      setBackTest(null);
      setBackTestError(problemText(e));
    }
  }

  return (
    <Stack>
      <Title order={2}>{t('risk.title')}</Title>
      <Text size="sm">{t('risk.intro')}</Text>

      {mayRun && (
        <Paper withBorder p="md" component="section" aria-labelledby="risk-new-run">
          <Stack gap="sm">
            <Title order={3} id="risk-new-run">
              {t('risk.newRun')}
            </Title>
            <TextInput label={t('risk.asOf')} description={t('risk.asOfHint')} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} w={200} />
            <Text fw={500} size="sm">
              {t('risk.weights')}
            </Text>
            <SimpleGrid cols={{ base: 2, md: 3 }}>
              {COMPONENTS.map((c) => (
                <NumberInput
                  key={c}
                  label={t(`risk.components.${c}`)}
                  value={weights?.[c] ?? ''}
                  min={0}
                  max={1000}
                  onChange={(v) => weights && setWeights({ ...weights, [c]: typeof v === 'number' ? v : Number(v) || 0 })}
                />
              ))}
            </SimpleGrid>
            {runError && (
              <Alert color="red" variant="light" role="alert" title={t('risk.runFailed')}>
                {runError}
              </Alert>
            )}
            <Group>
              <Button onClick={run} loading={busy}>
                {t('risk.run')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      <Title order={3}>{t('risk.runs')}</Title>
      {runs.data && runs.data.length === 0 ? (
        <Text>{t('risk.noRuns')}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('risk.columns.asOf')}</Table.Th>
              <Table.Th>{t('risk.columns.state')}</Table.Th>
              <Table.Th ta="right">{t('risk.columns.accounts')}</Table.Th>
              <Table.Th ta="right">{t('risk.columns.qualified')}</Table.Th>
              <Table.Th ta="right">{t('risk.columns.lowered')}</Table.Th>
              <Table.Th ta="right">{t('risk.columns.stayedMonthly')}</Table.Th>
              <Table.Th ta="right">{t('risk.columns.raised')}</Table.Th>
              <Table.Th>{t('risk.columns.createdAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(runs.data ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/balance/risk/${r.id}`}>
                    {r.asOf}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={r.state === 'applied' ? '#1e6b2e' : 'gray.8'} variant="filled" size="sm">
                    {t(`risk.state.${r.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(r.counts.accounts, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.counts.qualified, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.counts.lowered, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.counts.stayedMonthly, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.counts.raised, lang)}</Table.Td>
                <Table.Td>{formatDay(r.createdAt.slice(0, 10), lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="risk-back-test">
        <Stack gap="sm">
          <Title order={3} id="risk-back-test">
            {t('risk.backTest.title')}
          </Title>
          <Text size="sm">{t('risk.backTest.intro')}</Text>
          <Group align="end">
            <TextInput label={t('risk.backTest.from')} description={t('risk.asOfHint')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={160} />
            <TextInput label={t('risk.backTest.to')} description={t('risk.asOfHint')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={160} />
            <Button variant="light" onClick={test}>
              {t('risk.backTest.submit')}
            </Button>
          </Group>
          {backTestError && (
            <Alert color="red" variant="light" role="alert" title={t('risk.backTest.failed')}>
              {backTestError}
            </Alert>
          )}
          {backTest && (
            <>
              <Table withTableBorder aria-label={t('risk.backTest.title')}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('risk.backTest.qualifiedPerRun')}</Table.Th>
                    <Table.Td>
                      {formatNumber(Math.round(backTest.qualifiedPerRun * 10) / 10, lang)} ({t('risk.backTest.distinct', { count: backTest.distinctQualified })}
                      )
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('risk.backTest.loweredShare')}</Table.Th>
                    <Table.Td>{percent(backTest.loweredShare, lang)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('risk.backTest.stayedMonthlyShare')}</Table.Th>
                    <Table.Td>{percent(backTest.stayedMonthlyShare, lang)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('risk.backTest.worseShare')}</Table.Th>
                    <Table.Td>
                      {percent(backTest.worseShare, lang)} ({t('risk.backTest.observed', { worse: backTest.loweredWorse, observed: backTest.loweredObserved })})
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('risk.columns.asOf')}</Table.Th>
                    <Table.Th ta="right">{t('risk.columns.qualified')}</Table.Th>
                    <Table.Th ta="right">{t('risk.columns.lowered')}</Table.Th>
                    <Table.Th ta="right">{t('risk.columns.stayedMonthly')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {backTest.runs.map((r) => (
                    <Table.Tr key={r.asOf}>
                      <Table.Td>{r.asOf}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.qualified, lang)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.lowered, lang)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.stayedMonthly, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
