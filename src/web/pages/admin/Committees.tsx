import { useTranslation } from 'react-i18next';
import { holds } from '../../components/activity/roles';
import { useSession } from '../../session';
import type { Committee } from '../../queries/register';
import { RegisterPage } from './Register';

/** Settings: the political committees (udvalg / nämnder) that approve plans and receive reports. */
export default function Committees() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <RegisterPage<Committee>
      resource="committees"
      title={t('admin.committees.title')}
      newLabel={t('admin.committees.new')}
      canWrite={holds(session, 'admin')}
      nameOf={(r) => r.code}
      fields={[
        { name: 'code', label: t('admin.fields.code'), kind: 'text', required: true },
        { name: 'name', label: t('admin.fields.name'), kind: 'text', required: true },
      ]}
      columns={[
        { accessor: 'code', title: t('admin.fields.code'), width: 110 },
        { accessor: 'name', title: t('admin.fields.name') },
      ]}
    />
  );
}
