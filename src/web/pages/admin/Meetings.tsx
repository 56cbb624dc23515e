import { useTranslation } from 'react-i18next';
import { formatDay } from '../../format';
import { holds } from '../../components/activity/roles';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import type { Meeting } from '../../queries/register';
import { RegisterPage, useOptions } from './Register';

/** Settings: meetings (committee or council) where plans are approved; central coordination records them. */
export default function Meetings() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const options = useOptions();
  const committee = (id: string | null) => options.committee.find((o) => o.value === id)?.label ?? '–';
  return (
    <RegisterPage<Meeting>
      resource="meetings"
      title={t('admin.meetings.title')}
      newLabel={t('admin.meetings.new')}
      canWrite={holds(session, 'admin', 'centralCoordinator')}
      nameOf={(r) => `${r.body} ${formatDay(r.heldOn, i18n.language as Language)}`}
      sort={(a, b) => b.heldOn.localeCompare(a.heldOn)}
      fields={[
        { name: 'body', label: t('admin.fields.body'), kind: 'text', required: true },
        { name: 'heldOn', label: t('admin.fields.heldOn'), kind: 'date', required: true },
        { name: 'committeeId', label: t('admin.fields.committee'), kind: 'committee', nullable: true },
        { name: 'agendaItem', label: t('admin.fields.agendaItem'), kind: 'text', nullable: true },
        { name: 'caseNumber', label: t('admin.fields.caseNumber'), kind: 'text', nullable: true },
      ]}
      columns={[
        { accessor: 'heldOn', title: t('admin.fields.heldOn'), width: 120, render: (r) => formatDay(r.heldOn, i18n.language as Language) },
        { accessor: 'body', title: t('admin.fields.body') },
        { accessor: 'committeeId', title: t('admin.fields.committee'), render: (r) => committee(r.committeeId) },
        { accessor: 'agendaItem', title: t('admin.fields.agendaItem'), render: (r) => r.agendaItem ?? '–' },
        { accessor: 'caseNumber', title: t('admin.fields.caseNumber'), render: (r) => r.caseNumber ?? '–' },
      ]}
    />
  );
}
