import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { engineBoundaries, rendererBoundaries } from './eslint.boundaries.js';

export default tseslint.config(
  // engine/nn/wasm/assembly is AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'engine/nn/wasm/assembly/**', 'engine/nn/wasm/kernels.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // <script lang="ts"> in components and the runes in *.svelte.ts: the Svelte parser hands the
    // script to TypeScript's.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // Reactive state here is replaced whole ($state.raw, new Map(old).set(…)), never mutated in
      // place; the plain Maps and Sets the rule flags are private bookkeeping (timers, requests in
      // flight) or locals of a $derived, which must not be reactive. The rule cannot tell them apart.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...rendererBoundaries,
  ...engineBoundaries,
);
