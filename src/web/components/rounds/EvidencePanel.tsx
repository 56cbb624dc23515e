import { Anchor, Button, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../../api';
import { roundKeys, statusEntryEvidencePath, useStatusEntryEvidence } from '../../queries/rounds';

/** The evidence files of one status entry: list, download, and (for those who may answer) upload. */
export function EvidencePanel({ entryId, canUpload }: { entryId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const files = useStatusEntryEvidence(entryId);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await upload(statusEntryEvidencePath(entryId), file);
      setFile(null);
      await client.invalidateQueries({ queryKey: roundKeys.evidence(entryId) });
    } catch (err) {
      setError(err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('errors.offline'));
    } finally {
      setBusy(false);
    }
  };
  const items = files.data?.items ?? [];
  // Read-only and nothing attached: nothing to show.
  if (!canUpload && items.length === 0) return null;
  return (
    <Stack gap={6}>
      <Title order={5}>{t('rounds.evidence.title')}</Title>
      {items.length === 0 ? (
        <Text size="sm">{t('rounds.evidence.empty')}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {items.map((e) => (
            <List.Item key={e.id}>
              <Anchor
                href={`/api/v1/evidence/${e.id}/content`}
                download={e.fileName}
                size="sm"
                aria-label={t('rounds.evidence.download', { name: e.fileName })}
              >
                {e.fileName}
              </Anchor>{' '}
              <Text span size="xs">
                ({t('rounds.evidence.size', { size: Math.max(1, Math.round(e.sizeBytes / 1024)) })})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {canUpload && (
        <Group align="end" gap="xs">
          <FileInput label={t('rounds.evidence.file')} value={file} onChange={setFile} error={error} size="xs" w={260} clearable />
          <Button size="xs" variant="default" onClick={send} loading={busy} disabled={!file}>
            {t('rounds.evidence.upload')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
