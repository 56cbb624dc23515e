import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The accessibility statement Danish and Swedish public bodies must publish; reachable signed out too. */
export default function Accessibility() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="md">
      <Stack>
        <Title order={1}>{t('a11y.title')}</Title>
        <Text>{t('a11y.intro')}</Text>
        <Title order={2} size="h3">
          {t('a11y.status')}
        </Title>
        <Text>{t('a11y.statusText')}</Text>
        <Title order={2} size="h3">
          {t('a11y.known')}
        </Title>
        <Text>{t('a11y.knownText')}</Text>
        <Title order={2} size="h3">
          {t('a11y.contact')}
        </Title>
        <Text>{t('a11y.contactText')}</Text>
        <Anchor component={Link} to="/">
          {t('nav.overview')}
        </Anchor>
      </Stack>
    </Container>
  );
}
