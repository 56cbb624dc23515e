import { Alert, Anchor, Badge, Group, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api';
import { LoadError, Loading } from '../../components/LoadState';
import { FindingReminders } from '../../components/reminders/FindingReminders';
import { useAuditSubject, useAuditTrail, type AuditChange, type AuditEntry } from '../../queries/audit';
import { formatDateTime, errorAlertStyles } from '../../components/activity/forms';
import { isStaff, mayAudit } from '../../components/activity/roles';
import { intlLocale, type Language } from '../../i18n';
import { useSession, useVocabulary } from '../../session';
import { actionLabel, changedFields, fieldLabel, resourceLabel, subjectOf, valueLines, type Reader } from './readable';

const PAGE = 20;

/** One change of a command: the fields it touched, before and after, in words. */
function ChangeTable({ change, reader, titled }: { change: AuditChange; reader: Reader; titled: boolean }) {
  const { t } = useTranslation();
  const rows = changedFields(change.before, change.after);
  const subject = subjectOf(change);
  const cell = (field: string, value: unknown) => {
    const lines = valueLines(reader, field, value);
    return lines.length === 1 ? (
      lines[0]
    ) : (
      <ul style={{ margin: 0, paddingInlineStart: '1.1em' }}>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    );
  };
  return (
    <Stack gap={4}>
      {titled && (
        <Text size="sm" fw={600}>
          {resourceLabel(reader, change.resource)} · {actionLabel(reader, change.action)}
          {subject ? ` · ${subject}` : ''}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text size="sm">{t('activity.history.nothing')}</Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={4} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="24%">
                {t('activity.history.field')}
              </Table.Th>
              <Table.Th scope="col">{t('activity.history.before')}</Table.Th>
              <Table.Th scope="col">{t('activity.history.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.field}>
                <Table.Th scope="row" fw={500}>
                  {fieldLabel(reader, r.field)}
                </Table.Th>
                <Table.Td className="diff-before" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {r.before === undefined ? '–' : <del>{cell(r.field, r.before)}</del>}
                </Table.Td>
                <Table.Td className="diff-after" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {r.after === undefined ? '–' : <ins>{cell(r.field, r.after)}</ins>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * One command (one audit entry): when, who, what, on one line with the fields it changed; the
 * before/after tables of all its changes open beneath it.
 */
function EntryItem({ entry }: { entry: AuditEntry }) {
  const { t, i18n: i } = useTranslation();
  const lang = i.language as Language;
  const context = useVocabulary();
  const reader: Reader = { t, lang, context, people: entry.people ?? {} };
  const first = entry.changes[0];
  const subject = first ? subjectOf(first) : null;
  const changed = [...new Set(entry.changes.flatMap((c) => changedFields(c.before, c.after).map((f) => fieldLabel(reader, f.field))))];
  return (
    <Paper component="li" withBorder p="sm">
      <details>
        <summary style={{ cursor: 'pointer' }}>
          <Text span size="sm" fw={600}>
            {formatDateTime(entry.at, intlLocale[lang])}
          </Text>{' '}
          <Text span size="sm">
            · {entry.userName ?? t('activity.history.system')} · {actionLabel(reader, entry.action)}: {resourceLabel(reader, entry.resource)}
            {subject ? ` ${subject}` : ''}
          </Text>
          {entry.via !== 'session' && (
            <Badge size="sm" variant="outline" color="gray.8" ml="xs">
              {t(`admin.history.via.${entry.via}`)}
            </Badge>
          )}
          {changed.length > 0 && (
            <Text size="xs" c="gray.8" ml="md" style={{ overflowWrap: 'anywhere' }}>
              {t('activity.history.changed', { fields: changed.slice(0, 6).join(', ') + (changed.length > 6 ? ' …' : '') })}
            </Text>
          )}
        </summary>
        <Stack gap="sm" mt="xs">
          {entry.changes.map((c, n) => (
            <ChangeTable key={n} change={c} reader={reader} titled={entry.changes.length > 1 || c.resource !== entry.resource || c.action !== entry.action} />
          ))}
          <Text size="xs">{t('admin.history.seq', { seq: entry.seq })}</Text>
        </Stack>
      </details>
    </Paper>
  );
}

/** The audit trail of a finding or a plan and everything under it: who changed what, when, before and after. */
function AuditHistory({ kind }: { kind: 'finding' | 'plan' }) {
  const { id = '' } = useParams();
  const param = kind === 'finding' ? 'findingId' : 'planId';
  const { t } = useTranslation();
  const session = useSession();
  const [page, setPage] = useState(1);
  const allowed = mayAudit(session);
  const subject = useAuditSubject(kind, id);
  const audit = useAuditTrail(kind, id, page, PAGE, allowed);
  const heading = !subject.data
    ? t('admin.history.title')
    : kind === 'finding'
      ? t('admin.history.titleOf', { number: subject.data.number, title: subject.data.title })
      : t('admin.history.titleOfPlan', { department: subject.data.departmentCode });
  return (
    <Stack>
      <Anchor component={Link} to={`/${kind}s/${id}`} size="sm">
        {kind === 'finding' ? t('admin.history.back') : t('admin.history.backToPlan')}
      </Anchor>
      <Group justify="space-between" align="center">
        <Title order={2}>{heading}</Title>
        {allowed && (
          <Anchor href={`/api/v1/audit/export?format=csv&${param}=${id}`} download size="sm">
            {t('admin.history.exportCsv')}
          </Anchor>
        )}
      </Group>
      {kind === 'finding' && isStaff(session) && <FindingReminders findingId={id} />}
      {kind === 'finding' && !allowed && isStaff(session) ? (
        // The reminders above are theirs to see: say only that the change history is not, rather than "no access to this page"
        <Text size="sm">{t('reminders.finding.auditHidden')}</Text>
      ) : !allowed || (audit.error instanceof ApiError && audit.error.status === 403) ? (
        <Alert color="gray" role="alert" title={t('errors.forbidden')} />
      ) : audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <LoadError error={audit.error} styles={errorAlertStyles} />
      ) : audit.data.items.length === 0 ? (
        <Text>{t('admin.history.empty')}</Text>
      ) : (
        <>
          <Text size="sm">{t('admin.history.count', { count: audit.data.total })}</Text>
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {audit.data.items.map((e) => (
              <EntryItem key={e.seq} entry={e} />
            ))}
          </Stack>
          {audit.data.total > PAGE && (
            <Pagination
              total={Math.ceil(audit.data.total / PAGE)}
              value={page}
              onChange={setPage}
              size="sm"
              getControlProps={(control) => ({ 'aria-label': t(`admin.history.page.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('admin.history.pageN', { page: p }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

export default function FindingHistory() {
  return <AuditHistory kind="finding" />;
}

export function PlanHistory() {
  return <AuditHistory kind="plan" />;
}
