import { Badge, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { usePlanRevisions, useRevisionComparison } from '../../queries/plans';
import type { ChangedField } from './draft';

/** The plan's revisions (approved ones kept, the one being written) and a field-by-field comparison of two. */
export function RevisionHistory({ planId, context }: { planId: string; context: 'SE' | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const revisions = usePlanRevisions(planId);
  const list = revisions.data ?? [];
  const numbers = list.map((r) => r.number);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const comparison = useRevisionComparison(planId, pair);
  if (list.length === 0) return null;
  const fromValue = from ?? numbers.at(-2) ?? numbers[0]!;
  const toValue = to ?? numbers.at(-1)!;
  const label = (f: string) => t(`plans.revisions.fields.${f}`, { context, defaultValue: f });
  const rows = (fields: ChangedField[]) =>
    fields.map((f) => (
      <Table.Tr key={f.field}>
        <Table.Td>{label(f.field)}</Table.Td>
        <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{f.before ?? t('plans.empty')}</Table.Td>
        <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{f.after ?? t('plans.empty')}</Table.Td>
      </Table.Tr>
    ));
  const head = (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{t('plans.revisions.field')}</Table.Th>
        <Table.Th>{t('plans.revisions.before')}</Table.Th>
        <Table.Th>{t('plans.revisions.after')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  const data = comparison.data;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-revisions-title">
      <Title order={3} size="h4" id="plan-revisions-title" mb="xs">
        {t('plans.revisions.title')}
      </Title>
      <List size="sm" spacing={4} mb="sm">
        {list.map((r) => (
          <List.Item key={r.number}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('plans.revisions.number', { number: r.number })}
              </Text>
              {r.current && (
                <Badge color="#1e6b2e" variant="filled">
                  {t('plans.revisions.current')}
                </Badge>
              )}
              {r.state !== 'approved' && (
                <Badge color="gray.8" variant="filled">
                  {t('plans.revisions.working')}
                </Badge>
              )}
              <Text size="sm">{t('plans.revisions.measureCount', { context, count: r.measureCount })}</Text>
              {r.approval && (
                <Text size="sm">
                  {t('plans.review.approvalLine', { revision: r.number, date: formatDay(r.approval.approvedOn, lang), name: r.approval.approvedByName })}
                  {r.approval.meeting ? ` · ${r.approval.meeting.body}` : ''}
                </Text>
              )}
            </Group>
            {r.approval?.overrideReason && <Text size="sm">{t('plans.review.overridden', { reason: r.approval.overrideReason })}</Text>}
          </List.Item>
        ))}
      </List>
      {list.length > 1 && (
        <Stack gap="xs">
          <Group gap="xs" align="end" wrap="wrap">
            <NativeSelect
              id="plan-compare-from"
              label={t('plans.revisions.from')}
              data={numbers.map(String)}
              value={String(fromValue)}
              onChange={(e) => setFrom(Number(e.currentTarget.value))}
            />
            <NativeSelect
              id="plan-compare-to"
              label={t('plans.revisions.to')}
              data={numbers.map(String)}
              value={String(toValue)}
              onChange={(e) => setTo(Number(e.currentTarget.value))}
            />
            <Button variant="default" onClick={() => setPair({ from: fromValue, to: toValue })}>
              {t('plans.revisions.compare')}
            </Button>
          </Group>
          {data && (
            <Stack gap="xs" aria-live="polite">
              <Text size="sm" fw={600}>
                {t('plans.revisions.compareWith', { from: data.from, to: data.to })}
              </Text>
              {data.plan.length === 0 && data.measures.length === 0 && <Text size="sm">{t('plans.revisions.noChanges')}</Text>}
              {data.plan.length > 0 && (
                <div style={{ overflowX: 'auto' }}>
                  <Table withTableBorder captionSide="top" fz="sm">
                    <Table.Caption>{t('plans.revisions.planFields')}</Table.Caption>
                    {head}
                    <Table.Tbody>{rows(data.plan)}</Table.Tbody>
                  </Table>
                </div>
              )}
              {data.measures.map((m) => (
                <div key={m.measureId} style={{ overflowX: 'auto' }}>
                  <Table withTableBorder captionSide="top" fz="sm">
                    <Table.Caption>
                      {t('plans.measure', { context, number: m.number })} · {m.title} · {t(`plans.revisions.${m.change}`)}
                    </Table.Caption>
                    {m.fields.length > 0 && head}
                    <Table.Tbody>{rows(m.fields)}</Table.Tbody>
                  </Table>
                </div>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Paper>
  );
}
