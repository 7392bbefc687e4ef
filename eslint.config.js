import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layeringRule } from './eslint/layering.js';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test/contract/openapi.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Which folder may import which: eslint/layering.js.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { slate: { rules: { layering: layeringRule } } },
    rules: { 'slate/layering': 'error' },
  },
  {
    // core runs in plain Node: the platform is passed in, never imported.
    files: ['main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'main/core never imports electron; inject what it needs.' }] }] },
  },
  {
    // the renderer only talks to window.slate.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'fs', 'path', 'os', 'child_process'].map((name) => ({ name, message: 'The renderer only talks to window.slate.' })),
          patterns: [{ group: ['node:*'], message: 'The renderer only talks to window.slate.' }, { group: ['**/main/**'], message: 'The renderer may import preload/contract.ts, never main/.' }],
        },
      ],
    },
  },
);
