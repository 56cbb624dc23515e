import { Alert, Anchor, Button, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { errorAlertStyles } from '../../components/activity/forms';
import { useCommittees } from '../../components/filters';
import { formatDay, formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { useBalanceReport, type BalanceReport } from '../../queries/balance';

type Section2 = BalanceReport['section2'][number];
/** A table row's figures in øre and t.kr.; FIGURES are the ones this page prints. */
type Figures = Section2['table']['total']['tkr'];

const FIGURES: (keyof Figures)[] = ['accounts', 'category2', 'category3', 'olderAccounts', 'olderCategory2', 'olderCategory3'];
const DOCUMENT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;

/**
 * One committee's part of the annual balance report (section 2): its category 2/3 accounts per IM
 * function with the older-than-one-year columns, the accounts with their consequence descriptions
 * and action plans, and its system reconciliations, in t.kr. as printed; with the committee's
 * report as PDF, DOCX or XLSX. Committee and year are in the URL, so the view can be linked.
 */
export default function BalanceCommittees() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const lastYear = new Date().getFullYear() - 1;
  const year = /^\d{4}$/.test(params.get('year') ?? '') ? params.get('year')! : String(lastYear);
  const committee = params.get('committee') ?? '';
  const committees = useCommittees();
  const report = useBalanceReport(year, committee);
  const set = (key: 'year' | 'committee', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (!next.has('year')) next.set('year', year);
    setParams(next, { replace: true });
  };
  const section = report.data?.section2[0];
  const n = (v: number) => formatNumber(v, lang);
  const years = Array.from({ length: 6 }, (_, i) => String(lastYear + 1 - i));
  if (!years.includes(year)) years.push(year);
  const query = (format: string) => `/api/v1/balance-report.${format}?year=${year}&committee=${encodeURIComponent(committee)}&lang=${lang}`;

  return (
    <Stack gap="md">
      <Title order={2}>{t('balanceAdmin.committees.title')}</Title>
      <Text>{t('balanceAdmin.committees.intro')}</Text>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('balanceAdmin.committees.committee')}
          value={committee}
          onChange={(e) => set('committee', e.currentTarget.value)}
          data={[
            { value: '', label: t('balanceAdmin.committees.chooseCommittee') },
            ...(committees.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` })),
          ]}
        />
        <NativeSelect label={t('balanceAdmin.committees.year')} value={year} onChange={(e) => set('year', e.currentTarget.value)} data={years} />
        {committee && (
          <Group gap="xs" role="group" aria-label={t('balanceAdmin.committees.download')}>
            <Text size="sm">{t('balanceAdmin.committees.download')}:</Text>
            {DOCUMENT_FORMATS.map((f) => (
              <Button key={f} component="a" href={query(f)} download variant="default" size="xs">
                {t(`documents.formats.${f}`)}
              </Button>
            ))}
          </Group>
        )}
      </Group>
      {committees.data && committees.data.items.length === 0 && <Text>{t('balanceAdmin.committees.noCommittees')}</Text>}
      {/* the status is the text beside the spinner: an aria-label on Mantine's loader element is not allowed (axe aria-prohibited-attr) */}
      {report.isLoading && (
        <Group gap="xs" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text size="sm">{t('balanceAdmin.committees.loading')}</Text>
        </Group>
      )}
      {report.error && (
        <Alert color="red" role="alert" styles={errorAlertStyles}>
          {report.error instanceof ApiError ? (report.error.errors[0]?.message ?? report.error.detail ?? report.error.title) : t('app.error')}
        </Alert>
      )}
      {report.data && !section?.accounts.length && <Text role="status">{t('balanceAdmin.committees.empty')}</Text>}
      {section && (
        <>
          {section.accounts.length > 0 && (
            <>
              <Paper withBorder p="md" component="section" aria-labelledby="committee-table">
                <Title order={3} size="h4" id="committee-table" mb="xs">
                  {t('balanceAdmin.committees.tableTitle')}
                </Title>
                <Table.ScrollContainer minWidth={800}>
                  <Table verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('balanceAdmin.committees.table.im')}</Table.Th>
                        <Table.Th scope="col">{t('balanceAdmin.committees.table.name')}</Table.Th>
                        {FIGURES.map((k) => (
                          <Table.Th key={k} scope="col" ta="right">
                            {t(`balanceAdmin.committees.table.${k}`)}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {section.table.rows.map((r) => (
                        <Table.Tr key={r.im}>
                          <Table.Td>{r.im}</Table.Td>
                          <Table.Td>{r.name}</Table.Td>
                          {FIGURES.map((k) => (
                            <Table.Td key={k} ta="right">
                              {n(r.tkr[k])}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                    <Table.Tfoot>
                      <Table.Tr>
                        <Table.Th scope="row" colSpan={2}>
                          {t('balanceAdmin.committees.table.total')}
                        </Table.Th>
                        {FIGURES.map((k) => (
                          <Table.Td key={k} ta="right" fw={700}>
                            {n(section.table.total.tkr[k])}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    </Table.Tfoot>
                  </Table>
                </Table.ScrollContainer>
              </Paper>

              <Paper withBorder p="md" component="section" aria-labelledby="committee-accounts">
                <Title order={3} size="h4" id="committee-accounts" mb="xs">
                  {t('balanceAdmin.committees.accountsTitle')}
                </Title>
                <Table.ScrollContainer minWidth={900}>
                  <Table verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        {(['account', 'name', 'department', 'category'] as const).map((k) => (
                          <Table.Th key={k} scope="col">
                            {t(`balanceAdmin.committees.accounts.${k}`)}
                          </Table.Th>
                        ))}
                        <Table.Th scope="col" ta="right">
                          {t('balanceAdmin.committees.accounts.followUp')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('balanceAdmin.committees.accounts.older')}
                        </Table.Th>
                        <Table.Th scope="col">{t('balanceAdmin.committees.accounts.consequence')}</Table.Th>
                        <Table.Th scope="col">{t('balanceAdmin.committees.accounts.plans')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {section.accounts.map((a) => (
                        <Table.Tr key={a.account}>
                          <Table.Td>{a.account}</Table.Td>
                          <Table.Td>{a.name}</Table.Td>
                          <Table.Td>{a.department}</Table.Td>
                          <Table.Td>{a.category}</Table.Td>
                          <Table.Td ta="right">{n(a.followUp.tkr.amount)}</Table.Td>
                          <Table.Td ta="right">{n(a.olderThanOneYear.tkr.amount)}</Table.Td>
                          <Table.Td>
                            {a.consequence ??
                              (a.needsConsequenceDescription ? (
                                <Text span c="red.9" size="sm">
                                  {t('balanceAdmin.committees.consequenceMissing')}
                                </Text>
                              ) : (
                                t('balanceAdmin.committees.belowThreshold')
                              ))}
                          </Table.Td>
                          <Table.Td>
                            {a.actionPlanIds.length
                              ? a.actionPlanIds.map((id, i) => (
                                  <Anchor key={id} component={Link} to={`/plans/${id}`} size="sm" mr="xs">
                                    {t('balanceAdmin.committees.plan', { n: i + 1 })}
                                  </Anchor>
                                ))
                              : t('balanceAdmin.committees.noPlan')}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            </>
          )}

          <Paper withBorder p="md" component="section" aria-labelledby="committee-systems">
            <Title order={3} size="h4" id="committee-systems" mb="xs">
              {t('balanceAdmin.committees.systemsTitle')}
            </Title>
            {section.systemReconciliations.length === 0 ? (
              <Text size="sm">{t('balanceAdmin.committees.noSystems')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={800}>
                <Table verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      {(['system', 'target', 'period', 'department', 'difference', 'explanation', 'deadline'] as const).map((k) => (
                        <Table.Th key={k} scope="col" ta={k === 'difference' ? 'right' : undefined}>
                          {t(`balanceAdmin.committees.systems.${k}`)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {section.systemReconciliations.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>{s.system}</Table.Td>
                        <Table.Td>
                          {s.target === 'ledger' || s.target === 'debtorSystem' ? t(`balanceAdmin.committees.targets.${s.target}`) : s.target}
                        </Table.Td>
                        <Table.Td>{s.period}</Table.Td>
                        <Table.Td>{s.department.code}</Table.Td>
                        <Table.Td ta="right">{n(s.difference.tkr.amount)}</Table.Td>
                        <Table.Td>{s.explanation ?? ''}</Table.Td>
                        <Table.Td>{s.deadline ? formatDay(s.deadline, lang) : ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
