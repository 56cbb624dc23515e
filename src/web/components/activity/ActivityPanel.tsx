import { Alert, Anchor, Button, FileInput, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, upload as uploadFile } from '../../api';
import { formatNumber } from '../../format';
import { intlLocale, type Language } from '../../i18n';
import { useSession } from '../../session';
import { ConflictAlert } from './ConflictAlert';
import { formatDateTime, ifMatch, saveFailure, useLeaveGuard, type SaveFailure, errorAlertStyles } from './forms';
import { isStaff } from './roles';
import { LoadError, Loading } from '../LoadState';
import { activityPath, commentKeys, evidenceKeys, useComments, useEvidence, type ActivityKind, type Comment, type Evidence } from '../../queries/attachments';

/** What the panel is attached to. Comments exist on findings, plans and measures; evidence on findings, measures and status entries. */
export type { ActivityKind };
const hasComments = (k: ActivityKind) => k !== 'statusEntry';
const hasEvidence = (k: ActivityKind) => k !== 'plan';

const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };

/** Each comment form tells the panel whether it holds unsaved text; the panel guards leaving once. */
const DraftContext = createContext<(key: string, dirty: boolean) => void>(() => {});
function useDraft(key: string, dirty: boolean) {
  const report = useContext(DraftContext);
  useEffect(() => {
    report(key, dirty);
    return () => report(key, false);
  }, [report, key, dirty]);
}

function CommentItem({ comment, mine, queryKey }: { comment: Comment; mine: boolean; queryKey: readonly unknown[] }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale[i18n.language as Language];
  const client = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [version, setVersion] = useState(comment.version);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  useDraft(`edit-${comment.id}`, draft !== null && draft !== comment.body);
  const save = useMutation({
    mutationFn: (v: number) => api('PATCH', `/comments/${comment.id}`, { body: draft }, ifMatch(v)),
    onSuccess: async () => {
      setDraft(null);
      await client.invalidateQueries({ queryKey });
    },
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/comments/${comment.id}`, undefined, ifMatch(comment.version)),
    onSuccess: () => client.invalidateQueries({ queryKey }),
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  return (
    <Paper component="li" withBorder p="xs">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          {comment.authorName ?? t('activity.unknownAuthor')} · {formatDateTime(comment.createdAt, locale)}
          {comment.updatedAt !== comment.createdAt ? ` · ${t('activity.edited')}` : ''}
        </Text>
        {mine && draft === null && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="subtle" onClick={() => setDraft(comment.body)}>
              {t('activity.edit')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              c="red.9"
              loading={remove.isPending}
              onClick={() => {
                if (window.confirm(t('activity.confirmDeleteComment'))) remove.mutate();
              }}
            >
              {t('activity.delete')}
            </Button>
          </Group>
        )}
      </Group>
      {draft === null ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {comment.body}
        </Text>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setFailure(noFailure);
            save.mutate(version);
          }}
        >
          <Stack gap={4} mt={4}>
            <Textarea
              label={t('activity.editComment')}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              autosize
              minRows={2}
              error={failure.fields.body}
            />
            {failure.conflict && (
              <ConflictAlert
                fields={[{ name: 'body', label: t('activity.comment') }]}
                theirs={failure.conflict}
                mine={{ body: draft }}
                onTakeTheirs={() => {
                  setDraft(String(failure.conflict!.body ?? ''));
                  setVersion(Number(failure.conflict!.version));
                  setFailure(noFailure);
                }}
                onKeepMine={() => {
                  const v = Number(failure.conflict!.version);
                  setVersion(v);
                  setFailure(noFailure);
                  save.mutate(v);
                }}
              />
            )}
            <Group gap="xs">
              <Button type="submit" size="xs" loading={save.isPending}>
                {t('activity.save')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setDraft(null)}>
                {t('activity.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {failure.message && (
        <Alert color="red" role="alert" styles={errorAlertStyles} mt={4} title={failure.message}>
          {null}
        </Alert>
      )}
    </Paper>
  );
}

/** A list's heading with its count, then loading, error, empty or the items. */
function ListSection<T>({
  title,
  list,
  empty,
  gap,
  children,
}: {
  title: string;
  list: UseQueryResult<{ items: T[] }>;
  empty: string;
  gap: string | number;
  children: (item: T) => ReactNode;
}) {
  return (
    <>
      <Title order={4} size="h5">
        {title}
        {list.data ? ` (${list.data.items.length})` : ''}
      </Title>
      {list.isPending ? (
        <Loading size="sm" />
      ) : list.isError ? (
        <LoadError error={list.error} styles={errorAlertStyles} />
      ) : list.data.items.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Stack component="ul" gap={gap} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.items.map(children)}
        </Stack>
      )}
    </>
  );
}

function Comments({ kind, id }: { kind: ActivityKind; id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const queryKey = commentKeys.of(kind, id);
  const list = useComments(kind, id);
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  useDraft('new', body.trim() !== '');
  const add = useMutation({
    mutationFn: () => api('POST', `${activityPath(kind, id)}/comments`, { body }),
    onSuccess: async () => {
      setBody('');
      await client.invalidateQueries({ queryKey });
    },
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  return (
    <Stack gap="xs">
      <ListSection title={t('activity.comments')} list={list} empty={t('activity.noComments')} gap="xs">
        {(c) => <CommentItem key={`${c.id}-${c.version}`} comment={c} mine={c.createdBy === session.user.id} queryKey={queryKey} />}
      </ListSection>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFailure(noFailure);
          add.mutate();
        }}
      >
        <Stack gap={4}>
          <Textarea
            label={t('activity.newComment')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            error={failure.fields.body}
          />
          {failure.message && (
            <Alert color="red" role="alert" styles={errorAlertStyles} title={failure.message}>
              {null}
            </Alert>
          )}
          <Group>
            <Button type="submit" size="xs" loading={add.isPending}>
              {t('activity.addComment')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function EvidenceList({ kind, id }: { kind: ActivityKind; id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const queryKey = evidenceKeys.of(kind, id);
  const list = useEvidence(kind, id);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => uploadFile(`${activityPath(kind, id)}/evidence`, file!),
    onSuccess: async () => {
      setFile(null);
      await client.invalidateQueries({ queryKey });
    },
    onError: (err) => setError(err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('app.error')),
  });
  const remove = useMutation({
    mutationFn: (e: Evidence) => api('DELETE', `/evidence/${e.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey }),
    onError: (err) => setError(err instanceof ApiError ? (err.detail ?? err.title) : t('app.error')),
  });
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('activity.sizeKb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), lang) })
      : t('activity.sizeMb', { size: new Intl.NumberFormat(intlLocale[lang], { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024) });
  return (
    <Stack gap="xs">
      <ListSection title={t('activity.evidence')} list={list} empty={t('activity.noEvidence')} gap={4}>
        {(e) => (
          <Group component="li" key={e.id} gap="xs" justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Anchor href={`/api/v1/evidence/${e.id}/content`} download={e.fileName} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {e.fileName}
              </Anchor>
              <Text size="xs">
                {size(e.sizeBytes)} · {formatDateTime(e.createdAt, intlLocale[lang])}
              </Text>
            </Stack>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              c="red.9"
              aria-label={t('activity.deleteFile', { name: e.fileName })}
              onClick={() => {
                setError(null);
                if (window.confirm(t('activity.confirmDeleteFile', { name: e.fileName }))) remove.mutate(e);
              }}
            >
              {t('activity.delete')}
            </Button>
          </Group>
        )}
      </ListSection>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          if (file) upload.mutate();
        }}
      >
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <FileInput
            label={t('activity.file')}
            placeholder={t('activity.chooseFile')}
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            value={file}
            onChange={setFile}
            clearable
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button type="submit" size="sm" disabled={!file} loading={upload.isPending}>
            {t('activity.upload')}
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('activity.fileFailed')}>
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Comments and evidence of a finding, plan, measure or status entry: internal working material,
 * so staff only (readers get nothing). Reusable: `<ActivityPanel kind="measure" id={…} />`.
 */
export function ActivityPanel({
  kind,
  id,
  guardLeaving = true,
}: {
  kind: ActivityKind;
  id: string;
  /** false when the host page guards leaving itself (one blocker per screen). */ guardLeaving?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [drafts, setDrafts] = useState<Record<string, boolean>>({});
  const report = useCallback((key: string, dirty: boolean) => setDrafts((d) => (d[key] === dirty ? d : { ...d, [key]: dirty })), []);
  useLeaveGuard(guardLeaving && Object.values(drafts).some(Boolean), t('admin.unsavedConfirm'));
  if (!isStaff(session)) return null;
  return (
    <DraftContext.Provider value={report}>
      <Paper withBorder p="md" component="section" aria-label={t('activity.title')} className="no-print">
        <Title order={3} size="h4" mb="sm">
          {t('activity.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: hasComments(kind) && hasEvidence(kind) ? 2 : 1 }} spacing="lg">
          {hasComments(kind) && <Comments kind={kind} id={id} />}
          {hasEvidence(kind) && <EvidenceList kind={kind} id={id} />}
        </SimpleGrid>
      </Paper>
    </DraftContext.Provider>
  );
}

export default ActivityPanel;
