import { useTranslation } from 'react-i18next';
import { holds } from '../../components/activity/roles';
import { useSession } from '../../session';
import type { Department } from '../../queries/register';
import { RegisterPage, useOptions } from './Register';

/** Settings: the municipality's departments (forvaltninger / förvaltningar) and their committees. */
export default function Departments() {
  const { t } = useTranslation();
  const session = useSession();
  const options = useOptions();
  const committee = (id: string | null) => options.committee.find((o) => o.value === id)?.label ?? '–';
  return (
    <RegisterPage<Department>
      resource="departments"
      title={t('admin.departments.title')}
      newLabel={t('admin.departments.new')}
      canWrite={holds(session, 'admin')}
      nameOf={(r) => r.code}
      fields={[
        { name: 'code', label: t('admin.fields.code'), kind: 'text', required: true },
        { name: 'name', label: t('admin.fields.name'), kind: 'text', required: true },
        { name: 'committeeId', label: t('admin.fields.committee'), kind: 'committee', nullable: true },
      ]}
      columns={[
        { accessor: 'code', title: t('admin.fields.code'), width: 110 },
        { accessor: 'name', title: t('admin.fields.name') },
        { accessor: 'committeeId', title: t('admin.fields.committee'), render: (r) => committee(r.committeeId) },
      ]}
    />
  );
}
