import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { holds } from '../../components/activity/roles';
import { useSession } from '../../session';
import type { Department } from '../../queries/register';
import { userKeys, type User } from '../../queries/users';
import { RegisterPage, useOptions } from './Register';

/** Settings: the municipality's departments (forvaltninger / förvaltningar), their committees and their heads (whom overdue reminders escalate to). */
export default function Departments() {
  const { t } = useTranslation();
  const session = useSession();
  const options = useOptions();
  const canWrite = holds(session, 'admin');
  // The head's account is chosen among the active users (the list is for staff; only an administrator edits)
  const users = useQuery({ queryKey: userKeys.all, queryFn: () => get<{ items: User[] }>('/users'), enabled: canWrite });
  const userOptions = (users.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  const committee = (id: string | null) => options.committee.find((o) => o.value === id)?.label ?? '–';
  return (
    <RegisterPage<Department>
      resource="departments"
      title={t('admin.departments.title')}
      newLabel={t('admin.departments.new')}
      canWrite={canWrite}
      nameOf={(r) => r.code}
      fields={[
        { name: 'code', label: t('admin.fields.code'), kind: 'text', required: true },
        { name: 'name', label: t('admin.fields.name'), kind: 'text', required: true },
        { name: 'committeeId', label: t('admin.fields.committee'), kind: 'committee', nullable: true },
        { name: 'headName', label: t('reminders.head.name'), kind: 'text', nullable: true },
        { name: 'headEmail', label: t('reminders.head.email'), kind: 'text', nullable: true, invalidText: t('reminders.head.emailInvalid') },
        {
          name: 'headUserId',
          label: t('reminders.head.user'),
          kind: 'select',
          options: userOptions,
          nullable: true,
          description: t('reminders.head.userHelp'),
        },
      ]}
      columns={[
        { accessor: 'code', title: t('admin.fields.code'), width: 110 },
        { accessor: 'name', title: t('admin.fields.name') },
        { accessor: 'committeeId', title: t('admin.fields.committee'), render: (r) => committee(r.committeeId) },
        { accessor: 'headName', title: t('reminders.head.name'), render: (r) => r.headName ?? r.headEmail ?? '–' },
      ]}
    />
  );
}
