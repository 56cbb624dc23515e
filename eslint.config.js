// ESLint: typescript-eslint's recommended rules everywhere, React's hook rules in the web app.
// Formatting is Prettier's (.prettierrc.json); the two do not overlap.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'drizzle/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The classic hook rules. The React Compiler's rules (refs, set-state-in-effect, purity) are
    // left out: the app does not use the compiler, and the patterns they flag here are deliberate
    // (a field following its parent's value, the leave guard's ref, a token's expiry shown as days).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests read JSON bodies of many shapes through one client; `any` there is the body as sent.
    files: ['**/*.test.ts', 'src/test/**', 'src/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
