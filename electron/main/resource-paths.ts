import { join } from 'node:path';

/**
 * Where the files shipped beside the app live: the one place that knows the packaged layout.
 *
 * electron-builder.yml copies `resources/data` (MNIST, put there by scripts/copy-datasets.mjs) to
 * `<resources>/data` as extraResources, outside app.asar, so the IDX files (gzipped, 11.5 MB) are read
 * with plain fs calls and not through asar. The engine reads datasets from `$NNLAB_DATA_DIR`
 * (engine/data/node-mnist.ts: `$NNLAB_DATA_DIR/mnist` first), so the main process hands it this
 * folder through that variable, as the CLI and the tests do. No `electron` import here: the
 * caller passes what Electron knows (app.isPackaged, process.resourcesPath, app.getAppPath()).
 */

/** The extraResources target folder (electron-builder.yml's `to:`); a test keeps the two in step. */
export const DATA_RESOURCE_DIR = 'data';

/** The development twin of that folder, under the app root (where copy-datasets writes). */
export const DEV_DATA_DIR = join('resources', DATA_RESOURCE_DIR);

export interface AppLocation {
  /** app.isPackaged */
  isPackaged: boolean;
  /** process.resourcesPath: `<install>/resources` (Windows, Linux) or `NN Lab.app/Contents/Resources`. */
  resourcesPath: string;
  /** app.getAppPath(): the project root in development (the folder of package.json). */
  appPath: string;
}

/** The folder holding the bundled datasets (`<it>/mnist/train-images-idx3-ubyte.gz`, …). */
export function bundledDataDir(location: AppLocation): string {
  return location.isPackaged ? join(location.resourcesPath, DATA_RESOURCE_DIR) : join(location.appPath, DEV_DATA_DIR);
}

/**
 * Points the engine at the bundled datasets by setting NNLAB_DATA_DIR, unless it is already set:
 * an administrator's explicit choice (say, MNIST on a shared drive) wins over the copy in the
 * package. Returns the folder the engine will look in first.
 */
export function provideDataDir(location: AppLocation, env: NodeJS.ProcessEnv = process.env): string {
  const preset = env['NNLAB_DATA_DIR'];
  if (preset !== undefined && preset !== '') return preset;
  const dir = bundledDataDir(location);
  env['NNLAB_DATA_DIR'] = dir;
  return dir;
}

/**
 * The same file outside the archive: a path inside app.asar as its copy in app.asar.unpacked
 * (electron-builder.yml's asarUnpack puts the copy there), any other path as it is. A process is
 * started from a real file: the import reader (out/main/import-reader.mjs) is one.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}
