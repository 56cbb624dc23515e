import { Alert, Anchor, Badge, Group, Loader, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, get, type Page } from '../../api';
import { formatDateTime, errorAlertStyles } from '../../components/activity/forms';
import { mayAudit } from '../../components/activity/roles';
import i18n, { intlLocale, type Language } from '../../i18n';
import { useSession } from '../../session';

interface AuditChange {
  resource: string;
  resourceId: string;
  action: string;
  before: unknown;
  after: unknown;
}
interface AuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  via: 'session' | 'token' | 'cli' | 'system';
  resource: string;
  resourceId: string;
  action: string;
  changes: AuditChange[];
}

const PAGE = 20;
/** Bookkeeping columns that say nothing to a reader of the trail. */
const hidden = new Set(['id', 'version', 'createdAt', 'updatedAt', 'municipalityId', 'createdBy', 'updatedBy', 'passwordHash', 'searchVector', 'target', 'authorName']);

/** A catalogue text when there is one (resource, action, field names), else the raw name. */
const label = (group: string, name: string) => {
  const key = `admin.history.${group}.${name}`;
  return i18n.exists(key) ? i18n.t(key) : name;
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return i18n.t(value ? 'admin.history.yes' : 'admin.history.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The fields a change touched, with their value before and after. */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !hidden.has(k) && !/Id$/.test(k));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

function ChangeTable({ change, titled }: { change: AuditChange; titled: boolean }) {
  const { t } = useTranslation();
  const rows = changedFields(change.before, change.after);
  return (
    <Stack gap={4}>
      {titled && (
        <Text size="sm" fw={600}>
          {label('resources', change.resource)} · {label('actions', change.action)}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text size="sm">{t('admin.history.noFieldChanges')}</Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={4} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="22%">
                {t('admin.history.field')}
              </Table.Th>
              <Table.Th scope="col">{t('admin.history.before')}</Table.Th>
              <Table.Th scope="col">{t('admin.history.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.field}>
                <Table.Th scope="row" fw={500}>
                  {label('fields', r.field)}
                </Table.Th>
                <Table.Td className="diff-before" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {r.before === undefined ? '–' : <del>{show(r.before)}</del>}
                </Table.Td>
                <Table.Td className="diff-after" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {r.after === undefined ? '–' : <ins>{show(r.after)}</ins>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The audit trail of a finding or a plan and everything under it: who changed what, when, before and after. */
function AuditHistory({ kind }: { kind: 'finding' | 'plan' }) {
  const { id } = useParams();
  const param = kind === 'finding' ? 'findingId' : 'planId';
  const { t } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const [page, setPage] = useState(1);
  const allowed = mayAudit(session);
  const subject = useQuery({ queryKey: [kind, id], queryFn: () => get<{ number?: number; title?: string; departmentCode?: string }>(`/${kind}s/${id}`) });
  const audit = useQuery({
    queryKey: ['audit', kind, id, page],
    queryFn: () => get<Page<AuditEntry>>(`/audit?${param}=${id}&limit=${PAGE}&offset=${(page - 1) * PAGE}`),
    enabled: allowed,
    placeholderData: keepPreviousData,
  });
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
      {!allowed || (audit.error instanceof ApiError && audit.error.status === 403) ? (
        <Alert color="gray" role="alert" title={t('errors.forbidden')} />
      ) : audit.isPending ? (
        <Loader role="status" aria-label={t('app.loading')} />
      ) : audit.isError ? (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('app.error')} />
      ) : audit.data.items.length === 0 ? (
        <Text>{t('admin.history.empty')}</Text>
      ) : (
        <>
          <Text size="sm">{t('admin.history.count', { count: audit.data.total })}</Text>
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {audit.data.items.map((e) => (
              <Paper component="li" key={e.seq} withBorder p="sm">
                <Group gap="xs" mb="xs">
                  <Text size="sm" fw={600}>
                    {formatDateTime(e.at, intlLocale[lang])}
                  </Text>
                  <Text size="sm">{e.userName ?? t('admin.history.system')}</Text>
                  <Badge size="sm" variant="light">
                    {label('actions', e.action)} · {label('resources', e.resource)}
                  </Badge>
                  {e.via !== 'session' && (
                    <Badge size="sm" variant="outline" color="gray.8">
                      {t(`admin.history.via.${e.via}`)}
                    </Badge>
                  )}
                  <Text size="xs" ml="auto">
                    {t('admin.history.seq', { seq: e.seq })}
                  </Text>
                </Group>
                <Stack gap="sm">
                  {e.changes.map((c, i) => (
                    <ChangeTable key={i} change={c} titled={e.changes.length > 1 || c.resource !== e.resource || c.action !== e.action} />
                  ))}
                </Stack>
              </Paper>
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
