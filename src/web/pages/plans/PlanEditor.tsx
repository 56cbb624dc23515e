import { Alert, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api';
import { usePlan } from '../../queries/plans';
import { Editor } from './editor/Editor';

/** The plan editor: problem, extent, overall deadline and the measures, with the guidance check beside it. */
export default function PlanEditor() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const plan = usePlan(id);
  if (plan.isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (plan.isError) {
    const notFound = plan.error instanceof ApiError && plan.error.status === 404;
    return (
      <Stack>
        <Title order={2}>{t('plans.title')}</Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert" title={notFound ? t('plans.notFound') : t('app.error')} />
      </Stack>
    );
  }
  return <Editor key={id} initial={plan.data} />;
}
