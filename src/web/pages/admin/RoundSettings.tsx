import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ifMatch } from '../../components/activity/forms';
import { formatDay } from '../../format';
import { holds } from '../../components/activity/roles';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import { ConfirmRowDialog, RegisterPage, type FieldSpec, type Row } from './Register';

/** Asks, then closes an open round with its version. */
function CloseRoundDialog({ row, onClose }: { row: Row; onClose: () => void }) {
  const { t } = useTranslation();
  const name = String(row.name);
  return (
    <ConfirmRowDialog
      title={t('admin.rounds.closeTitle', { name })}
      text={t('admin.rounds.closeText', { name })}
      failedTitle={t('admin.rounds.closeFailed')}
      actionLabel={t('admin.rounds.close')}
      queryKey="rounds"
      send={() => api('POST', `/rounds/${row.id}/close`, undefined, ifMatch(row.version))}
      onClose={onClose}
    />
  );
}

/** Settings: the follow-up rounds; central coordination opens, changes and closes them. */
export default function RoundSettings() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [closing, setClosing] = useState<Row | null>(null);
  const canWrite = holds(session, 'admin', 'centralCoordinator');
  const kinds = ['status', 'plan'].map((k) => ({ value: k, label: t(`admin.rounds.kind.${k}`) }));
  const name: FieldSpec = { name: 'name', label: t('admin.fields.name'), kind: 'text', required: true };
  const dates: FieldSpec[] = [
    { name: 'opensOn', label: t('admin.rounds.opensOn'), kind: 'date', required: true },
    { name: 'dueOn', label: t('admin.rounds.dueOn'), kind: 'date', required: true },
  ];
  const open = (r: Row) => r.state === 'open';
  /** The round's own actions (the server's rule: central coordination, an open round). */
  const may = (r: Row, action: 'update' | 'close') => (r.actions as { update: boolean; close: boolean } | undefined)?.[action] === true;
  return (
    <>
      <RegisterPage
        resource="rounds"
        title={t('admin.rounds.title')}
        newLabel={t('admin.rounds.new')}
        canWrite={canWrite}
        nameOf={(r: Row) => String(r.name)}
        sort={(a, b) => String(b.opensOn).localeCompare(String(a.opensOn)) || String(a.name).localeCompare(String(b.name))}
        fields={[name, { name: 'kind', label: t('admin.rounds.kindLabel'), kind: 'select', options: kinds, defaultValue: 'status', required: true }, ...dates]}
        editFields={[name, ...dates]}
        canEditRow={(r) => may(r, 'update')}
        deletable={false}
        rowActions={(r) =>
          may(r, 'close') && (
            <Button size="compact-xs" variant="subtle" color="red" c="red.9" onClick={() => setClosing(r)} aria-label={t('admin.rounds.closeNamed', { name: String(r.name) })}>
              {t('admin.rounds.close')}
            </Button>
          )
        }
        columns={[
          { accessor: 'name', title: t('admin.fields.name') },
          { accessor: 'kind', title: t('admin.rounds.kindLabel'), width: 160, render: (r) => t(`admin.rounds.kind.${String(r.kind)}`) },
          { accessor: 'opensOn', title: t('admin.rounds.opensOn'), width: 120, render: (r) => formatDay(String(r.opensOn), i18n.language as Language) },
          { accessor: 'dueOn', title: t('admin.rounds.dueOn'), width: 120, render: (r) => formatDay(String(r.dueOn), i18n.language as Language) },
          {
            accessor: 'state',
            title: t('admin.rounds.stateLabel'),
            width: 110,
            render: (r) => (
              <Text size="sm" fw={open(r) ? 600 : undefined}>
                {t(`admin.rounds.state.${String(r.state)}`)}
              </Text>
            ),
          },
        ]}
      />
      {closing && <CloseRoundDialog row={closing} onClose={() => setClosing(null)} />}
    </>
  );
}
