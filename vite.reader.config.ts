import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';

/**
 * The import reader (engine/service/import-reader.ts, started as a process of its own by
 * engine/service/run-file-reader.ts) as ONE self-contained file, import-reader.mjs, written beside
 * a bundle's chunks: out/main (the desktop app) and out/cli (the `nnlab` command). Self-contained
 * because in the packaged app it runs from app.asar.unpacked (electron-builder.yml asarUnpack: a
 * process is started from a real file, not from inside the archive), where the main bundle's
 * shared chunks are not; .mjs because no package.json there says "type": "module". A second Vite
 * build, run when the bundle's own build is written, so `electron-vite build`, `electron-vite
 * preview` and `vite build -c vite.cli.config.ts` each leave the reader beside what they built.
 */
export function importReaderBundle(outDir: string): Plugin {
  return {
    name: 'nnlab-import-reader',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        publicDir: false,
        logLevel: 'warn',
        ssr: { noExternal: true, target: 'node' },
        build: {
          ssr: resolve('engine/service/import-reader.ts'),
          outDir,
          // The bundle it joins was just written there.
          emptyOutDir: false,
          target: 'node20',
          minify: false,
          reportCompressedSize: false,
          rolldownOptions: { output: { format: 'es', entryFileNames: 'import-reader.mjs', codeSplitting: false } },
        },
      });
    },
  };
}
