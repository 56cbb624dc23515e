import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ifMatch } from '../../components/activity/forms';
import { formatDay } from '../../format';
import { holds } from '../../components/activity/roles';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import type { z } from 'zod';
import type { Round as RoundSchema } from '../../../server/modules/rounds/schemas';
import { registerKeys } from '../../queries/register';
import { ConfirmRowDialog, RegisterPage, type FieldSpec } from './Register';
import { RoundSchedules } from '../../components/reminders/RoundSchedules';

/** The server's round (Zod-inferred). */
type Round = z.infer<typeof RoundSchema>;

/** Asks, then closes an open round with its version. */
function CloseRoundDialog({ row, onClose }: { row: Round; onClose: () => void }) {
  const { t } = useTranslation();
  const name = row.name;
  return (
    <ConfirmRowDialog
      title={t('admin.rounds.closeTitle', { name })}
      text={t('admin.rounds.closeText', { name })}
      failedTitle={t('admin.rounds.closeFailed')}
      actionLabel={t('admin.rounds.close')}
      queryKey={registerKeys.list('rounds')}
      send={() => api('POST', `/rounds/${row.id}/close`, undefined, ifMatch(row.version))}
      onClose={onClose}
    />
  );
}

/** Settings: the follow-up rounds; central coordination opens, changes and closes them. */
export default function RoundSettings() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [closing, setClosing] = useState<Round | null>(null);
  const canWrite = holds(session, 'admin', 'centralCoordinator');
  const kinds = ['status', 'plan'].map((k) => ({ value: k, label: t(`admin.rounds.kind.${k}`) }));
  const name: FieldSpec = { name: 'name', label: t('admin.fields.name'), kind: 'text', required: true };
  const dates: FieldSpec[] = [
    { name: 'opensOn', label: t('admin.rounds.opensOn'), kind: 'date', required: true },
    { name: 'dueOn', label: t('admin.rounds.dueOn'), kind: 'date', required: true },
  ];
  const open = (r: Round) => r.state === 'open';
  /** The round's own actions (the server's rule: central coordination, an open round). */
  const may = (r: Round, action: 'update' | 'close') => r.actions[action];
  return (
    <>
      <RegisterPage<Round>
        resource="rounds"
        title={t('admin.rounds.title')}
        newLabel={t('admin.rounds.new')}
        canWrite={canWrite}
        nameOf={(r) => r.name}
        sort={(a, b) => b.opensOn.localeCompare(a.opensOn) || a.name.localeCompare(b.name)}
        fields={[name, { name: 'kind', label: t('admin.rounds.kindLabel'), kind: 'select', options: kinds, defaultValue: 'status', required: true }, ...dates]}
        editFields={[name, ...dates]}
        canEditRow={(r) => may(r, 'update')}
        deletable={false}
        rowActions={(r) =>
          may(r, 'close') && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              c="red.9"
              onClick={() => setClosing(r)}
              aria-label={t('admin.rounds.closeNamed', { name: r.name })}
            >
              {t('admin.rounds.close')}
            </Button>
          )
        }
        columns={[
          { accessor: 'name', title: t('admin.fields.name') },
          { accessor: 'kind', title: t('admin.rounds.kindLabel'), width: 160, render: (r) => t(`admin.rounds.kind.${r.kind}`) },
          { accessor: 'opensOn', title: t('admin.rounds.opensOn'), width: 120, render: (r) => formatDay(r.opensOn, i18n.language as Language) },
          { accessor: 'dueOn', title: t('admin.rounds.dueOn'), width: 120, render: (r) => formatDay(r.dueOn, i18n.language as Language) },
          {
            accessor: 'state',
            title: t('admin.rounds.stateLabel'),
            width: 110,
            render: (r) => (
              <Text size="sm" fw={open(r) ? 600 : undefined}>
                {t(`admin.rounds.state.${r.state}`)}
              </Text>
            ),
          },
        ]}
      />
      {closing && <CloseRoundDialog row={closing} onClose={() => setClosing(null)} />}
      <RoundSchedules />
    </>
  );
}
