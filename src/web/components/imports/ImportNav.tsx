import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';
import { useSession } from '../../session';
import { holds } from '../activity/roles';

/** The Excel import in the main menu, for the roles that may import (central coordination, administrators). */
export function ImportNav() {
  const { t } = useTranslation();
  const session = useSession();
  if (!holds(session, 'admin', 'centralCoordinator')) return null;
  return <NavLink component={RouterLink} to="/import" label={t('imports.nav')} />;
}
