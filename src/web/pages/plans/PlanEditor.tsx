import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LoadError, Loading } from '../../components/LoadState';
import { usePlan } from '../../queries/plans';
import { Editor } from './editor/Editor';

/** The plan editor: problem, extent, overall deadline and the measures, with the guidance check beside it. */
export default function PlanEditor() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const plan = usePlan(id);
  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    return (
      <Stack>
        <Title order={2}>{t('plans.title')}</Title>
        <LoadError error={plan.error} notFound={t('plans.notFound')} />
      </Stack>
    );
  }
  return <Editor key={id} initial={plan.data} />;
}
