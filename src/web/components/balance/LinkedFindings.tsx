import { Alert, Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useSession, useVocabulary } from '../../session';
import { holds } from '../activity/roles';
import { errorAlertStyles, saveFailure } from '../activity/forms';
import { riskKeys, useFindingOptions, useLinkedFindings, type FindingOption } from '../../queries/risk';

/**
 * The findings linked to a balance account (open ones raise its risk), and linking or unlinking
 * one. Central coordination and administrators may (the risk policy's `run`, which the server
 * enforces); others read.
 */
export function LinkedFindings({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const session = useSession();
  const mayLink = holds(session, 'admin', 'centralCoordinator');
  const client = useQueryClient();
  const linked = useLinkedFindings(accountId);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = useFindingOptions(search, mayLink);
  const done = async () => {
    setChosen(null);
    setError(null);
    await client.invalidateQueries({ queryKey: riskKeys.linkedFindings(accountId) });
  };
  const link = useMutation({
    mutationFn: (findingId: string) => api('POST', `/balance-accounts/${accountId}/findings/${findingId}`),
    onSuccess: done,
    onError: (e) => setError(saveFailure(e, t).message),
  });
  const unlink = useMutation({
    mutationFn: (findingId: string) => api('DELETE', `/balance-accounts/${accountId}/findings/${findingId}`),
    onSuccess: done,
    onError: (e) => setError(saveFailure(e, t).message),
  });
  const linkedIds = new Set((linked.data ?? []).map((f) => f.findingId));
  const label = (f: FindingOption) => `${f.reportYear} · ${f.number}. ${f.title}`;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('account.links.title', { context })}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('account.links.title', { context })}
        </Title>
        <Text size="sm">{t('account.links.intro', { context })}</Text>
        {linked.data && linked.data.length === 0 && <Text size="sm">{t('account.links.empty', { context })}</Text>}
        {linked.data && linked.data.length > 0 && (
          <Table fz="sm">
            <Table.Tbody>
              {linked.data.map((f) => (
                <Table.Tr key={f.findingId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/findings/${f.findingId}`}>
                      {f.number}. {f.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t('account.links.linkedOn', { date: formatDay(f.linkedAt, lang) })}</Table.Td>
                  {mayLink && (
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        c="red.9"
                        aria-label={t('account.links.unlinkNamed', { name: `${f.number}. ${f.title}` })}
                        loading={unlink.isPending && unlink.variables === f.findingId}
                        onClick={() => unlink.mutate(f.findingId)}
                      >
                        {t('account.links.unlink')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {mayLink && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen) link.mutate(chosen);
            }}
          >
            <Group align="flex-end" gap="xs" wrap="wrap">
              <Select
                label={t('account.links.choose', { context })}
                searchable
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options: o }) => o}
                data={(options.data?.items ?? []).filter((f) => !linkedIds.has(f.id)).map((f) => ({ value: f.id, label: label(f) }))}
                value={chosen}
                onChange={setChosen}
                w={420}
                maw="100%"
                nothingFoundMessage={t('account.links.empty', { context })}
              />
              <Button type="submit" disabled={!chosen} loading={link.isPending}>
                {t('account.links.link')}
              </Button>
            </Group>
          </form>
        )}
        {error && (
          <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
