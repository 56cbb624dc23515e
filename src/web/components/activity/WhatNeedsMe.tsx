import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay, formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { useMyTasks, type Task } from '../../queries/tasks';
import { useVocabulary } from '../../session';
import { errorAlertStyles } from './forms';

/** How many tasks show before "show all". */
const FIRST = 8;

/** The thing a task is about, named as a person recognises it: the finding (year, number, title), the measure, the round or the report. */
function useSubject() {
  const { t } = useTranslation();
  const context = useVocabulary();
  return (task: Task): string => {
    const finding = task.finding ? t('tasks.finding', { year: task.finding.year, number: task.finding.number, title: task.finding.title }) : null;
    if (task.measure) return `${t('tasks.measure', { context, number: task.measure.number, title: task.measure.title })} (${finding})`;
    if (finding) return finding;
    if (task.round) return t('tasks.roundFor', { round: task.round.name, code: task.department?.code ?? '' });
    return task.report ? `${task.report.title} (${task.report.year})` : '';
  };
}

function TaskItem({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const subject = useSubject();
  return (
    <Stack component="li" gap={2} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-kind={task.kind}>
      <Text size="sm" fw={600}>
        {t(`tasks.kinds.${task.kind}`, { context })}
      </Text>
      <Group gap="xs" wrap="wrap" align="baseline">
        <Anchor component={Link} to={task.path} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {subject(task)}
        </Anchor>
        {task.department && !task.round && (
          <Text span size="xs" title={task.department.name}>
            {task.department.code}
          </Text>
        )}
        {task.dueOn && (
          <Text span size="xs">
            {t('tasks.due', { date: formatDay(task.dueOn, lang) })}
          </Text>
        )}
        {task.overdue && (
          <Badge size="sm" color="red.9" variant="filled">
            {t('tasks.overdue')}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

/**
 * "What needs me" on the start page, for every role: the server's list (GET /me/tasks, overdue
 * first, then by due date), each a link straight to the page where it is done.
 */
export function WhatNeedsMe() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const tasks = useMyTasks();
  const [all, setAll] = useState(false);
  const items = tasks.data?.items ?? [];
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="what-needs-me">
      <Group gap="xs" mb="xs">
        <Title order={3} size="h5" id="what-needs-me">
          {t('tasks.title')}
        </Title>
        {tasks.data && (
          <Badge size="sm" variant={items.length > 0 ? 'filled' : 'light'} color={items.length > 0 ? 'blue.9' : 'gray.8'}>
            {formatNumber(items.length, lang)}
          </Badge>
        )}
      </Group>
      {tasks.isPending ? (
        <Loader size="sm" role="status" aria-label={t('app.loading')} />
      ) : tasks.isError ? (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('tasks.loadFailed')} />
      ) : items.length === 0 ? (
        <Text size="sm" data-testid="tasks-empty">
          {t('tasks.empty')}
        </Text>
      ) : (
        <>
          <Stack component="ul" gap={0} style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-labelledby="what-needs-me">
            {shown.map((task) => (
              <TaskItem key={task.key} task={task} />
            ))}
          </Stack>
          {items.length > FIRST && (
            <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => setAll((v) => !v)} aria-expanded={all}>
              {all ? t('tasks.showFewer') : t('tasks.showAll', { total: items.length })}
            </Button>
          )}
        </>
      )}
    </Paper>
  );
}

export default WhatNeedsMe;
