// Flat config. Zero warnings allowed (`npm run lint` passes --max-warnings 0).
// The layering of ARCHITECTURE.md is encoded with eslint-plugin-boundaries: a wrong import fails the lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const elements = [
  { type: 'contract', pattern: 'src-main/contract/**' },
  { type: 'domain', pattern: 'src-main/domain/**' },
  { type: 'store', pattern: 'src-main/store/**' },
  { type: 'labels', pattern: 'src-main/labels/**' },
  { type: 'printers', pattern: 'src-main/printers/**' },
  { type: 'erp', pattern: 'src-main/erp/**' },
  { type: 'carriers', pattern: 'src-main/carriers/**' },
  { type: 'demo', pattern: 'src-main/demo/**' },
  { type: 'sync', pattern: 'src-main/sync/**' },
  { type: 'station', pattern: 'src-main/station/**' },
  { type: 'shell-electron', pattern: 'src-main/shells/electron/**' },
  { type: 'shell-web', pattern: 'src-main/shells/web/**' },
  { type: 'cli', pattern: 'src-main/cli/**' },

  { type: 'platform', pattern: 'src-main/platform/**' },
  { type: 'renderer', pattern: 'src-renderer/**' },
  // Files directly in src-main (compose.ts): matched last, after every folder above.
  { type: 'compose', pattern: 'src-main' },
];

const lower = ['domain', 'platform'];
const noSql = {
  name: 'better-sqlite3',
  message: "SQL lives in src-main/store (and in the demo's and the carriers' own repositories, decision 0017).",
};
// The carriers' repositories own the SQL of the carrier tables (in the station's file; decision 0017).
const carrierRepositories = ['src-main/carriers/**/*-repository.ts'];
const noElectron = { name: 'electron', message: 'Electron is imported only in src-main/shells/electron.' };
const layering = [
  { from: 'contract', allow: [] },
  { from: 'domain', allow: [] },
  { from: 'platform', allow: [] },
  { from: 'store', allow: [...lower] },
  { from: 'labels', allow: [...lower] },
  { from: 'printers', allow: [...lower, 'store', 'labels'] },
  // erp/ keeps no state of its own: connectors and intake only (the demo ERP's SQLite file is in demo/).
  { from: 'erp', allow: [...lower] },
  { from: 'carriers', allow: [...lower, 'store'] },
  // The sandboxes a new user meets. Only compose.ts and `dockside demo-erp` import them: nothing else in the core.
  { from: 'demo', allow: [...lower, 'store', 'erp'] },
  { from: 'sync', allow: [...lower, 'store', 'erp', 'carriers'] },
  { from: 'station', allow: [...lower, 'contract', 'store', 'labels', 'printers', 'erp', 'carriers', 'sync'] },
  {
    from: 'compose',
    allow: [...lower, 'contract', 'store', 'labels', 'printers', 'erp', 'carriers', 'sync', 'station', 'demo'],
  },
  { from: 'shell-web', allow: [...lower, 'contract', 'station', 'compose'] },
  { from: 'shell-electron', allow: [...lower, 'contract', 'station', 'compose'] },
  {
    from: 'cli',
    allow: [
      ...lower,
      'contract',
      'store',
      'labels',
      'printers',
      'erp',
      'carriers',
      'sync',
      'station',
      'compose',
      'shell-web',
    ],
  },
  { from: 'renderer', allow: ['contract'] },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'native/raw-printer/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['src-main/**/*', 'src-renderer/**/*'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Each layer may import itself and the layers listed for it; anything else is a layering error.
          policies: layering
            .map(({ from, allow }) => ({
              from: { element: { type: from } },
              allow: [from, ...allow].map((type) => ({ to: { element: { type } } })),
            }))
            .concat({
              // `dockside demo-erp` runs the sandbox ERP on its own; no other command imports demo/.
              from: { element: { type: 'cli' }, file: { path: 'src-main/cli/commands/demo-erp.ts' } },
              allow: [{ to: { element: { type: 'demo' } } }],
            }),
        },
      ],
    },
  },
  // Import restrictions. Flat config lets the last matching block win for a rule, so each folder gets one block
  // that lists everything it may not import.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/store/**', 'src-main/demo/**', ...carrierRepositories, 'src-main/shells/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noSql, noElectron] }] },
  },
  {
    // Files that own the SQL of their tables: the store, the demo's own SQLite files, the carriers' number pools.
    files: ['src-main/store/**/*.ts', 'src-main/demo/**/*.ts', ...carrierRepositories],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['src-main/shells/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noSql] }] },
  },
  {
    files: ['src-main/domain/**/*.ts', 'src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noSql, noElectron],
          patterns: [
            { regex: '^node:', message: 'domain/ and contract/ do no I/O.' },
            { regex: '^(fs|path|http|https|net|child_process)$', message: 'domain/ and contract/ do no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The renderer reaches the core only through lib/api.ts.' },
            {
              regex: '^(fs|path|electron|better-sqlite3|ws)$',
              message: 'The renderer reaches the core only through lib/api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
