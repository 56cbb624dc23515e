import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDecimal, lix, lixBand, LIX_WARN_ABOVE } from '../../../domain';
import type { Language } from '../../i18n';

/** The LIX readability of one text, shown under its field (nothing for texts too short to score). */
export function LixNote({ text, id }: { text: string; id?: string }) {
  const { t, i18n } = useTranslation();
  const result = lix(text);
  if (!result) return null;
  const band = lixBand(result.score);
  return (
    <Text id={id} size="xs" c={result.score > LIX_WARN_ABOVE ? 'orange.9' : 'gray.7'} mt={2}>
      {t('plans.lix', { score: formatDecimal(result.score, i18n.language as Language), band: t(`plans.lixBand.${band}`) })}
    </Text>
  );
}
