import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Extension code goes through wxt/browser (webextension-polyfill), so Firefox behaves alike.
      'no-restricted-globals': ['error', { name: 'chrome', message: "Use `browser` from 'wxt/browser'." }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Untrusted text must never become HTML (SECURITY: model output and post text).
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render untrusted text with textContent or React.' },
        { property: 'outerHTML', message: 'Render untrusted text with textContent or React.' },
        { property: 'insertAdjacentHTML', message: 'Render untrusted text with textContent or React.' },
      ],
    },
  },
  {
    // Plain Node scripts (build checks).
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS configuration (dependency-cruiser reads .dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // Scripts the benchmark runs inside the page.
    files: ['bench/*-driver.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Test fixtures and the model server build DOM and talk HTTP on purpose.
    files: ['e2e/**', '**/*.test.ts', '**/*.test.tsx', 'bench/**'],
    rules: {
      'no-restricted-properties': 'off',
      'no-restricted-globals': 'off',
      // Playwright fixtures call their callback `use` and take `{}` when they need no fixture.
      'react-hooks/rules-of-hooks': 'off',
      'no-empty-pattern': 'off',
    },
  },
);
