import '@mantine/core/styles.css';
import 'mantine-datatable/styles.css';
import './app.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './i18n';
import { App } from './App';

/** The server puts a fresh nonce into this meta tag of every page; Mantine's <style> tags carry it (strict CSP). */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

// A calm, dense work tool: one accent colour, tight spacing, system fonts.
const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps links and buttons above 4.5:1 on white (WCAG 1.4.3); the default 6 does not.
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
});

/** Mantine's dimmed grey and its red field errors are below 4.5:1 on white; darker shades pass WCAG 1.4.3. */
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

// A data router (one splat route; App's <Routes> match below it), so pages can use useBlocker
// to ask before leaving with unsaved changes.
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={() => nonce} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
