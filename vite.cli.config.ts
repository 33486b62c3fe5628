import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { importReaderBundle } from './vite.reader.config';

/**
 * The `nnlab` command as a bundle for Node (`vite build -c vite.cli.config.ts`, part of `npm run
 * build`): out/cli/nnlab.js, what bin/nnlab.mjs runs, and out/cli/training-worker.js, the worker
 * the browser host's TrainingPool starts, and out/cli/import-reader.mjs, the process that reads
 * import files (engine/service/run-file-reader.ts; self-contained, vite.reader.config.ts). electron-vite builds only main, preload and renderer,
 * so the CLI is Vite's own SSR build (Node resolution, built-in modules left as imports).
 *
 * Every package is bundled except better-sqlite3 (a native addon, loaded from node_modules at run
 * time): what is left as a bare import here must be a production dependency
 * (test/cli/cli-bundle.test.ts checks it). Chunks sit beside the entries, not in a subfolder:
 * engine/train/pool/worker-url.ts finds the worker next to the chunk it is bundled in, and
 * cli/commands/serve.ts finds the app root two folders up, as it does from its source.
 */
export default defineConfig({
  publicDir: false,
  plugins: [importReaderBundle(resolve('out/cli'))],
  ssr: {
    noExternal: true,
    external: ['better-sqlite3'],
    target: 'node',
  },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    // Not minified: minifying made no measurable difference to `nnlab --help`'s start-up, and the
    // stack traces the CLI prints on an internal error keep readable names.
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        nnlab: resolve('cli/bin.ts'),
        'training-worker': resolve('engine/train/pool/training-worker.ts'),
      },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
