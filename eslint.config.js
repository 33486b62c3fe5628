import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'url', 'worker_threads', 'child_process', 'crypto', 'zlib', 'stream', 'util', 'events', 'http', 'net'];
const pureMessage = 'engine math is pure: no Node APIs here (inject them from the caller)';
const layering = [
  { group: ['electron', 'electron/*'], message: 'engine never imports electron' },
  { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'engine imports nothing from renderer/, electron/ or cli/' },
];

export default tseslint.config(
  // engine/nn/wasm/assembly is AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'engine/nn/wasm/assembly/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The renderer knows only the LabApi contract and pure helpers: no Node, no Electron.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'the renderer runs in a browser: no Node APIs' })),
        patterns: [
          { group: ['node:*'], message: 'the renderer runs in a browser: no Node APIs' },
          { group: ['electron', 'electron/*', '**/electron/**', '**/cli/**'], message: 'the renderer talks to the app only through LabApi' },
        ],
      }],
    },
  },
  {
    files: ['engine/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: layering }] },
  },
  {
    // The math, the contract, the trainer loop and the dataset generators run anywhere
    // (worker thread, browser): no Node, DOM or Electron APIs there.
    files: ['engine/nn/**', 'engine/api/**', 'engine/lab/**', 'engine/train/**', 'engine/data/**'],
    ignores: ['engine/train/pool/**', 'engine/data/node-*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        // Bare built-in names go in `paths` (exact match): as patterns, 'events' would also match './api/events'.
        paths: nodeBuiltins.map((name) => ({ name, message: pureMessage })),
        patterns: [...layering, { group: ['node:*'], message: pureMessage }],
      }],
    },
  },
);
