import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../components/LoadState';
import { useSearch, type SearchHit } from '../../queries/search';
import { useVocabulary } from '../../session';
import { errorAlertStyles } from '../../components/activity/forms';

const kinds: SearchHit['kind'][] = ['finding', 'recommendation', 'plan', 'measure', 'comment'];

/** The server marks the matched words «like this»; they become <mark>, everything else stays text. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(«[^»]*»)/g);
  return <>{parts.map((p, i) => (p.startsWith('«') && p.endsWith('»') ? <mark key={i}>{p.slice(1, -1)}</mark> : <Fragment key={i}>{p}</Fragment>))}</>;
}

/** Global search: hits grouped by kind, each with its snippet, linking to its finding. */
export default function Search() {
  const { t } = useTranslation();
  const context = useVocabulary();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  const result = useSearch(q);
  const groups = kinds.map((k) => ({ kind: k, hits: (result.data?.items ?? []).filter((h) => h.kind === k) })).filter((g) => g.hits.length > 0);
  return (
    <Stack>
      <Title order={2}>{t('activity.search.title')}</Title>
      <form
        role="search"
        aria-label={t('activity.search.title')}
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) setParams({ q: input.trim() });
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput type="search" label={t('activity.search.label')} value={input} onChange={(e) => setInput(e.currentTarget.value)} w={360} maw="100%" />
          <Button type="submit">{t('activity.search.submit')}</Button>
        </Group>
      </form>
      {q === '' ? (
        <Text size="sm">{t('activity.search.hint')}</Text>
      ) : result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <LoadError error={result.error} styles={errorAlertStyles} />
      ) : result.data.items.length === 0 ? (
        <Text role="status">{t('activity.search.none', { q })}</Text>
      ) : (
        <>
          <Text size="sm" role="status">
            {t('activity.search.count', { count: result.data.total, q })}
          </Text>
          {groups.map((g) => (
            <Paper key={g.kind} withBorder p="sm" component="section" aria-labelledby={`search-${g.kind}`}>
              <Title order={3} size="h5" mb="xs" id={`search-${g.kind}`}>
                {t(`activity.search.kinds.${g.kind}`, { context })} ({g.hits.length})
              </Title>
              <Stack component="ol" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {g.hits.map((h) => (
                  <li key={`${h.kind}-${h.id}`}>
                    <Group gap="xs" wrap="nowrap" align="baseline">
                      {h.findingId ? (
                        <Anchor component={Link} to={`/findings/${h.findingId}`} fw={600} size="sm">
                          {h.title}
                        </Anchor>
                      ) : (
                        <Text fw={600} size="sm">
                          {h.title}
                        </Text>
                      )}
                    </Group>
                    <Text size="sm">
                      <Snippet text={h.snippet} />
                    </Text>
                  </li>
                ))}
              </Stack>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  );
}
