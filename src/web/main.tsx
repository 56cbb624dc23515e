import '@mantine/core/styles.css';
import 'mantine-datatable/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { setNonce } from 'get-nonce';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './i18n';
import { App } from './App';
import { cssVariables, localizedTheme } from './theme';

/** The server puts a fresh nonce into this meta tag of every page; Mantine's <style> tags carry it (strict CSP). */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
// A modal's scroll lock (react-remove-scroll) injects its own <style> through react-style-singleton,
// which takes the nonce from get-nonce, not from Mantine: without this, opening a modal is a CSP violation.
setNonce(nonce);

// A data router (one splat route; App's <Routes> match below it), so pages can use useBlocker
// to ask before leaving with unsaved changes.
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

/** Mantine with the theme in the current language (a modal's close button is named in it). */
function Theme({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // The language is named as well as `t`: the theme is rebuilt whenever the language changes
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const theme = useMemo(() => localizedTheme(t('common.close')), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} getStyleNonce={() => nonce} cssVariablesResolver={cssVariables}>
      {children}
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Theme>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </Theme>
  </StrictMode>,
);
