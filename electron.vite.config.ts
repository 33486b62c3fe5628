import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './engine/api/content-security-policy';
import { importReaderBundle } from './vite.reader.config';

/**
 * The page's CSP meta tag says engine/api/content-security-policy.ts's policy, whatever
 * index.html's copy says; under the dev server, the variant that lets Vite inject its <style>s.
 */
function pagePolicy(): Plugin {
  let devServer = false;
  return {
    name: 'nnlab-page-policy',
    configResolved(config) {
      devServer = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = contentSecurityPolicy({ devServer });
      return html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i, `$1${policy}$2`);
    },
  };
}

// Three entries by electron-vite's convention: main, preload (CommonJS: a sandboxed preload
// cannot be an ES module) and the Svelte renderer. Output goes to out/. The main build has a
// second entry, the training worker (out/main/training-worker.js), which the main process hands
// to the worker pool; its chunks sit beside it, as the CLI bundle's do (vite.cli.config.ts), so
// engine/train/pool/worker-url.ts's default finds the worker from either bundle. Beside them, the
// import reader (out/main/import-reader.mjs), a self-contained file of its own (vite.reader.config.ts). The `nnlab`
// command is built by vite.cli.config.ts into out/cli, which electron-builder.yml leaves out.
// `NNLAB_PROFILE_BUILD=1 npm run build`: the page's script unminified and with source maps, so a
// CPU profile (`npm run bench -- --only ui --profile`) names source files, lines and functions.
const profileBuild = process.env.NNLAB_PROFILE_BUILD === '1';

export default defineConfig({
  main: {
    plugins: [importReaderBundle(resolve('out/main'))],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'training-worker': resolve('engine/train/pool/training-worker.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle anything it imports.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [svelte(), pagePolicy()],
    // The renderer reaches the engine only through the contract and the lesson content (the lint
    // rules say which folders); one alias instead of '../../../../engine/…'.
    resolve: { alias: { $engine: resolve('engine') } },
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the page's script is less than
      // half the size (2.7 MB → 1.2 MB) and the window opens sooner on a lab PC.
      minify: !profileBuild,
      sourcemap: profileBuild,
      // One script read from the disk (file://, or 127.0.0.1 for the browser host), not over a
      // network: no need to split it. Vite's 500 kB warning would fire on every build; this one
      // fires if the page's script grows well past today's size.
      chunkSizeWarningLimit: 1600,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
