import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { ApiError, setCsrfToken } from './api';
import { applyLanguage, applySignedOutLanguage } from './i18n';
import { fetchSession, sessionKeys, type SessionInfo } from './queries/session';

const SessionContext = createContext<SessionInfo | null>(null);

/** The signed-in user; components below <SessionGate> can rely on it. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** i18next context for the municipality's vocabulary: `t('findings.title', { context: vocab })`. */
export function useVocabulary(): 'SE' | undefined {
  return useSession().municipality.vocabulary === 'SE' ? 'SE' : undefined;
}

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKeys.session,
    queryFn: async () => {
      try {
        const s = await fetchSession();
        setCsrfToken(s.csrfToken);
        // Signed in: the user's own choice, else the municipality's language, before the first
        // page renders, so a Swedish user never sees Danish chrome.
        applyLanguage(s.user.language ?? s.municipality.language);
        return s;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          applySignedOutLanguage();
          return null;
        }
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKeys.session });
}
