import { Box, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** The header's search field: Enter opens /search?q=…. */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [q, setQ] = useState('');
  useEffect(() => {
    if (location.pathname === '/search') setQ(params.get('q') ?? '');
  }, [location.pathname, params]);
  return (
    // On a phone the header has no room: search is in the menu there (SettingsNav).
    <Box
      component="form"
      visibleFrom="sm"
      role="search"
      aria-label={t('activity.search.label')}
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <TextInput
        type="search"
        size="xs"
        w={220}
        aria-label={t('activity.search.label')}
        placeholder={t('activity.search.placeholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
    </Box>
  );
}
