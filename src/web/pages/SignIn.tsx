import { Alert, Anchor, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, setCsrfToken } from '../api';
import { signIn, useProviders } from '../queries/session';
import { useRefreshSession } from '../session';
import { LanguageSelect } from '../components/account/LanguageSelect';

/** Local sign-in (with the TOTP step when the account has one), the configured SSO buttons and the language switch. */
export function SignIn() {
  const { t } = useTranslation();
  const refresh = useRefreshSession();
  const providers = useProviders();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signIn(step, { email, password, code });
      setCsrfToken(result.csrfToken);
      if (result.status === 'mfaRequired') setStep('code');
      else await refresh();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('signIn.failed') : err instanceof ApiError ? err.message : t('errors.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder p="xl" w={400} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={1} size="h2">
                {t('signIn.title')}
              </Title>
              {/* Labelled in all three languages, so whoever lands here in the wrong one finds it. */}
              <LanguageSelect signedIn={false} label={t('account.language.switchLabel')} />
            </Group>
            <Text size="sm">{step === 'password' ? t('signIn.intro') : t('signIn.codeIntro')}</Text>
            {error && (
              <Alert color="red" role="alert" title={error}>
                {null}
              </Alert>
            )}
            {step === 'password' ? (
              <>
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
              </>
            ) : (
              <TextInput
                label={t('signIn.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                autoFocus
              />
            )}
            <Button type="submit" loading={busy}>
              {step === 'password' ? t('signIn.submit') : t('signIn.verify')}
            </Button>
            {(providers.data?.oidc || providers.data?.saml) && step === 'password' && (
              <>
                <Divider label={t('signIn.or')} labelPosition="center" />
                {providers.data.oidc && (
                  <Button component="a" variant="default" href="/api/v1/auth/oidc/login">
                    {t('signIn.sso', { provider: 'OpenID Connect' })}
                  </Button>
                )}
                {providers.data.saml && (
                  <Button component="a" variant="default" href="/api/v1/auth/saml/login">
                    {t('signIn.sso', { provider: 'SAML' })}
                  </Button>
                )}
              </>
            )}
            <Anchor component={Link} to="/accessibility" size="sm">
              {t('footer.accessibility')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
