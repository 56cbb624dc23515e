import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from '../../api';
import { errorAlertStyles, formatDateTime, saveFailure, type SaveFailure } from '../../components/activity/forms';
import { formatDay } from '../../format';
import { applyLanguage, intlLocale, type Language } from '../../i18n';
import {
  accountKeys,
  createToken,
  setUpTotp,
  useAccount,
  useSetOwnLanguage,
  useTokens,
  type Account as AccountT,
  type CreatedToken,
  type TotpSecret,
} from '../../queries/account';
import { useRefreshSession } from '../../session';
import { LoadError } from '../../components/LoadState';
import { CalendarFeeds } from '../../components/calendar/CalendarFeeds';
import { MailPreferences } from '../../components/notifications/MailPreferences';

const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Failure({ failure }: { failure: SaveFailure }) {
  const { t } = useTranslation();
  const text = failure.message ?? (Object.keys(failure.fields).length ? Object.values(failure.fields).join(' ') : null);
  if (!text) return null;
  return (
    <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
      {text}
    </Alert>
  );
}

function Saved({ text }: { text: string | null }) {
  return text ? (
    <Text size="sm" role="status">
      {text}
    </Text>
  ) : null;
}

function LanguageSection({ account }: { account: AccountT }) {
  const { t } = useTranslation();
  const store = useSetOwnLanguage();
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const municipal = t(`account.languageName.${account.municipalityLanguage}`);
  return (
    <Section title={t('account.language.title')}>
      <Select
        label={t('account.language.label')}
        description={t('account.language.help')}
        data={[
          { value: '', label: t('account.language.municipalityDefault', { language: municipal }) },
          ...(['da', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`account.languageName.${l}`) })),
        ]}
        value={account.language ?? ''}
        allowDeselect={false}
        maw={360}
        onChange={(v) => {
          const language = v ? (v as Language) : null;
          setSaved(false);
          setFailure(noFailure);
          store.mutate(language, {
            onSuccess: (a) => {
              applyLanguage(a.language ?? a.municipalityLanguage);
              // The message is rendered after the switch, so it is in the new language.
              setSaved(true);
            },
            onError: (err) => setFailure(saveFailure(err, t)),
          });
        }}
      />
      <Saved text={saved ? t('account.language.saved') : null} />
      <Failure failure={failure} />
    </Section>
  );
}

function PasswordSection({ account }: { account: AccountT }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState<string | null>(null);
  const min = account.passwordMinLength;
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: () => api('POST', '/auth/password', { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setSaved(t('account.password.changed'));
      // The server revoked the tokens: the list shows them so.
      void client.invalidateQueries({ queryKey: accountKeys.tokens });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 401) return setErrors({ current: t('account.password.wrong') });
      const f = saveFailure(err, t);
      if (f.fields.newPassword) return setErrors({ next: f.fields.newPassword });
      setFailure(f);
    },
  });
  if (!account.actions.changePassword) {
    if (account.hasPassword) return null;
    return (
      <Section title={t('account.password.title')}>
        <Text size="sm">{t('account.password.sso')}</Text>
      </Section>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    setFailure(noFailure);
    const found: typeof errors = {};
    if (next.length < min) found.next = t('account.password.tooShort', { count: min });
    else if (next !== repeat) found.repeat = t('account.password.mismatch');
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate();
  };
  return (
    <Section title={t('account.password.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs" maw={420}>
          <PasswordInput
            label={t('account.password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.current}
          />
          <PasswordInput
            label={t('account.password.next')}
            description={t('account.password.rules', { count: min })}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next}
          />
          <PasswordInput
            label={t('account.password.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
          <Saved text={saved} />
          <Failure failure={failure} />
        </Stack>
      </form>
    </Section>
  );
}

function TotpSection({ account }: { account: AccountT }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState<TotpSecret | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [disablePassword, setDisablePassword] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState<string | null>(null);
  const reload = () => client.invalidateQueries({ queryKey: accountKeys.account });
  const start = () => {
    setSaved(null);
    setFailure(noFailure);
  };
  const setUp = useMutation({
    mutationFn: () => setUpTotp(account.totp === 'on' ? password : undefined),
    onSuccess: async (s) => {
      setSecret(s);
      setPassword('');
      await reload();
    },
    onError: (err) => setFailure(err instanceof ApiError && err.status === 401 ? { ...noFailure, message: t('account.password.wrong') } : saveFailure(err, t)),
  });
  const enable = useMutation({
    mutationFn: () => api('POST', '/auth/totp/enable', { code: code.trim() }),
    onSuccess: async () => {
      setSecret(null);
      setCode('');
      setSaved(t('account.totp.enabled'));
      await reload();
    },
    onError: (err) => setCodeError(err instanceof ApiError && err.status === 422 ? t('account.totp.invalidCode') : saveFailure(err, t).message),
  });
  const disable = useMutation({
    mutationFn: () => api('POST', '/auth/totp/disable', { password: disablePassword }),
    onSuccess: async () => {
      setSecret(null);
      setDisablePassword('');
      setSaved(t('account.totp.disabled'));
      await reload();
    },
    onError: (err) => setFailure(err instanceof ApiError && err.status === 401 ? { ...noFailure, message: t('account.password.wrong') } : saveFailure(err, t)),
  });
  if (!account.hasPassword) {
    return (
      <Section title={t('account.totp.title')}>
        <Text size="sm">{t('account.totp.sso')}</Text>
      </Section>
    );
  }
  return (
    <Section title={t('account.totp.title')}>
      <Text size="sm">{t(`account.totp.${account.totp}`)}</Text>
      {!account.actions.setUpTotp && account.totp === 'off' && <Text size="sm">{t('account.totp.unavailable')}</Text>}
      {account.actions.setUpTotp && !secret && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            start();
            setUp.mutate();
          }}
        >
          <Group align="flex-end" gap="xs">
            {account.totp === 'on' && (
              <PasswordInput
                label={t('account.totp.passwordToReset')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                w={280}
              />
            )}
            <Button type="submit" variant={account.totp === 'off' ? 'filled' : 'default'} loading={setUp.isPending}>
              {account.totp === 'off' ? t('account.totp.setUp') : t('account.totp.reset')}
            </Button>
          </Group>
        </form>
      )}
      {secret && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            start();
            setCodeError(null);
            enable.mutate();
          }}
        >
          <Stack gap="xs">
            <Text size="sm">{t('account.totp.instructions')}</Text>
            <Text size="sm" fw={600}>
              {t('account.totp.secret')}
            </Text>
            <Code block data-testid="totp-secret">
              {secret.secret}
            </Code>
            <Text size="sm" fw={600}>
              {t('account.totp.uri')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {secret.uri}
            </Code>
            <Group align="flex-end" gap="xs">
              <TextInput
                label={t('account.totp.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                w={180}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={codeError}
              />
              <Button type="submit" loading={enable.isPending}>
                {t('account.totp.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {account.actions.disableTotp && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            start();
            disable.mutate();
          }}
        >
          <Group align="flex-end" gap="xs">
            <PasswordInput
              label={t('account.totp.disablePassword')}
              autoComplete="current-password"
              value={disablePassword}
              onChange={(e) => setDisablePassword(e.currentTarget.value)}
              w={280}
            />
            <Button type="submit" variant="default" color="red" c="red.9" loading={disable.isPending}>
              {t('account.totp.disable')}
            </Button>
          </Group>
        </form>
      )}
      <Saved text={saved} />
      <Failure failure={failure} />
    </Section>
  );
}

function SessionsSection({ account }: { account: AccountT }) {
  const { t } = useTranslation();
  const refresh = useRefreshSession();
  const everywhere = useMutation({
    mutationFn: () => api('POST', '/auth/logout-everywhere'),
    onSuccess: async () => {
      setCsrfToken(null);
      await refresh();
    },
  });
  if (!account.actions.signOutEverywhere) return null;
  return (
    <Section title={t('account.sessions.title')}>
      <Text size="sm">{t('account.sessions.text')}</Text>
      <Group>
        <Button variant="default" onClick={() => everywhere.mutate()} loading={everywhere.isPending}>
          {t('account.sessions.submit')}
        </Button>
      </Group>
    </Section>
  );
}

function TokensSection({ account }: { account: AccountT }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [days, setDays] = useState<number | string>(90);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const reload = () => client.invalidateQueries({ queryKey: accountKeys.tokens });
  const create = useMutation({
    mutationFn: () => createToken({ name, scopes, expiresInDays: Number(days) }),
    onSuccess: async (tok) => {
      setCreated(tok);
      setName('');
      await reload();
    },
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/tokens/${id}`),
    onSuccess: reload,
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  const stateOf = (tok: { revokedAt: string | null; expiresAt: string }) =>
    tok.revokedAt ? 'revoked' : new Date(tok.expiresAt).getTime() <= Date.now() ? 'expired' : 'active';
  return (
    <Section title={t('account.tokens.title')}>
      <Text size="sm">{t('account.tokens.intro')}</Text>
      <Text size="sm">{t('account.tokens.revokedWhen')}</Text>
      {tokens.data && tokens.data.length === 0 && <Text size="sm">{t('account.tokens.empty')}</Text>}
      {tokens.data && tokens.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('account.tokens.name')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.prefix')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.scopes')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.expires')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.state')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Th scope="row">{tok.name}</Table.Th>
                  <Table.Td>
                    <Code>{tok.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{tok.scopes.map((s) => t(`account.tokens.scope.${s}`)).join(', ')}</Table.Td>
                  <Table.Td>{formatDay(tok.expiresAt, lang)}</Table.Td>
                  <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, intlLocale[lang]) : t('account.tokens.never')}</Table.Td>
                  <Table.Td>{t(`account.tokens.${stateOf(tok)}`)}</Table.Td>
                  <Table.Td>
                    {stateOf(tok) === 'active' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        c="red.9"
                        aria-label={t('account.tokens.revokeNamed', { name: tok.name })}
                        loading={revoke.isPending && revoke.variables === tok.id}
                        onClick={() => {
                          if (window.confirm(t('account.tokens.revokeConfirm', { name: tok.name }))) revoke.mutate(tok.id);
                        }}
                      >
                        {t('account.tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {created && (
        <Alert color="green" role="status" styles={{ title: { color: 'var(--mantine-color-black)' } }} title={t('account.tokens.created')}>
          <Code block data-testid="new-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {created.token}
          </Code>
        </Alert>
      )}
      {account.actions.createToken ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setFailure(noFailure);
            setCreated(null);
            create.mutate();
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('account.tokens.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={failure.fields.name}
              w={240}
              maw="100%"
            />
            <Checkbox.Group label={t('account.tokens.scopes')} value={scopes} onChange={setScopes} error={failure.fields.scopes}>
              <Group gap="sm" mt={6}>
                <Checkbox value="read" label={t('account.tokens.scope.read')} />
                <Checkbox value="write" label={t('account.tokens.scope.write')} />
              </Group>
            </Checkbox.Group>
            <NumberInput
              label={t('account.tokens.expiresInDays')}
              min={1}
              max={366}
              value={days}
              onChange={setDays}
              w={180}
              error={failure.fields.expiresInDays}
            />
            <Button type="submit" loading={create.isPending}>
              {t('account.tokens.create')}
            </Button>
          </Group>
        </form>
      ) : (
        <Text size="sm">{t('account.tokens.sessionOnly')}</Text>
      )}
      {failure.message && <Failure failure={{ ...failure, fields: {} }} />}
    </Section>
  );
}

/** Every signed-in user's own page: language, password, second factor, sessions and API tokens. */
export default function Account() {
  const { t } = useTranslation();
  const account = useAccount();
  if (account.isError) {
    return (
      <LoadError error={account.error} styles={errorAlertStyles}>
        <Anchor component="button" onClick={() => account.refetch()}>
          {t('app.retry')}
        </Anchor>
      </LoadError>
    );
  }
  if (!account.data) return null;
  const a = account.data;
  return (
    <Stack gap="md" maw={900}>
      <Title order={1} size="h2">
        {t('account.page.title')}
      </Title>
      <Text size="sm">{t('account.page.intro', { name: a.name, email: a.email })}</Text>
      <LanguageSection account={a} />
      <MailPreferences />
      <PasswordSection account={a} />
      <TotpSection account={a} />
      <SessionsSection account={a} />
      <TokensSection account={a} />
      <CalendarFeeds />
    </Stack>
  );
}
