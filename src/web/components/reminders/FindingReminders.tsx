import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useFindingReminders, type FindingReminder } from '../../queries/reminders';
import { useVocabulary } from '../../session';
import { LoadError } from '../LoadState';

/** On a finding's history: who was reminded of its plan requests, measures and answers, or had them escalated, and when. */
export function FindingReminders({ findingId }: { findingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const reminders = useFindingReminders(findingId);
  const title = t('reminders.finding.title');
  if (reminders.isError) return <LoadError error={reminders.error} />;
  if (!reminders.data) return null;
  const items = reminders.data.items;
  const what = (r: FindingReminder) => {
    const kind = t(`reminders.finding.kinds.${r.kind}`, { context, step: r.step ? t(`reminders.steps.${r.step}`, { context }) : '' });
    const parts = [kind];
    if (r.measureNumber) parts.push(t('reminders.finding.measure', { context, number: r.measureNumber }));
    if (r.departmentCode) parts.push(r.departmentCode);
    if (r.daysOverdue !== null && r.daysOverdue > 0) parts.push(t('reminders.finding.daysOverdue', { count: r.daysOverdue }));
    return parts.join(' · ');
  };
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{t('reminders.finding.empty')}</Text>
      ) : (
        <>
          <Text size="sm">{t('reminders.finding.count', { count: items.length })}</Text>
          <Table withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={110}>
                  {t('reminders.finding.on')}
                </Table.Th>
                <Table.Th scope="col">{t('reminders.finding.recipient')}</Table.Th>
                <Table.Th scope="col">{t('reminders.finding.what')}</Table.Th>
                <Table.Th scope="col" w={110}>
                  {t('reminders.finding.due')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...items].reverse().map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.on ? formatDay(r.on, lang) : '–'}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.recipient}</Table.Td>
                  <Table.Td>{what(r)}</Table.Td>
                  <Table.Td>{r.dueOn ? formatDay(r.dueOn, lang) : '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
