import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('errors.notFound')}</Title>
      <Anchor component={Link} to="/">
        {t('nav.overview')}
      </Anchor>
    </Stack>
  );
}
