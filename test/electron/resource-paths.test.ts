import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDataDir, DATA_RESOURCE_DIR, provideDataDir, unpackedPath } from '../../electron/main/resource-paths';

/** The one helper that knows where the packaged datasets are (electron-builder.yml's extraResources). */
describe('bundledDataDir', () => {
  it('is <resources>/data in a packaged app, resources/data under the project in development', () => {
    const install = { resourcesPath: join('C:', 'Program Files', 'NN Lab', 'resources'), appPath: join('C:', 'Program Files', 'NN Lab', 'resources', 'app.asar') };
    expect(bundledDataDir({ isPackaged: true, ...install })).toBe(join(install.resourcesPath, DATA_RESOURCE_DIR));
    expect(bundledDataDir({ isPackaged: false, resourcesPath: '/electron/resources', appPath: '/work/nnlab' })).toBe(join('/work/nnlab', 'resources', 'data'));
  });
});

describe('provideDataDir', () => {
  const location = { isPackaged: true, resourcesPath: '/opt/NN Lab/resources', appPath: '/opt/NN Lab/resources/app.asar' };

  it('hands the bundled folder to the engine as NNLAB_DATA_DIR', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(provideDataDir(location, env)).toBe(join('/opt/NN Lab/resources', 'data'));
    expect(env['NNLAB_DATA_DIR']).toBe(join('/opt/NN Lab/resources', 'data'));
  });

  it("keeps an administrator's own NNLAB_DATA_DIR; an empty one counts as unset", () => {
    const env: NodeJS.ProcessEnv = { NNLAB_DATA_DIR: '/srv/datasets' };
    expect(provideDataDir(location, env)).toBe('/srv/datasets');
    expect(env['NNLAB_DATA_DIR']).toBe('/srv/datasets');
    const empty: NodeJS.ProcessEnv = { NNLAB_DATA_DIR: '' };
    expect(provideDataDir(location, empty)).toBe(join('/opt/NN Lab/resources', 'data'));
  });
});

describe('unpackedPath', () => {
  it("is a file's copy in app.asar.unpacked for a path inside app.asar (POSIX and Windows separators)", () => {
    expect(unpackedPath('/opt/NN Lab/resources/app.asar/out/main/import-reader.mjs')).toBe('/opt/NN Lab/resources/app.asar.unpacked/out/main/import-reader.mjs');
    expect(unpackedPath('C:\\Program Files\\NN Lab\\resources\\app.asar\\out\\main\\import-reader.mjs')).toBe('C:\\Program Files\\NN Lab\\resources\\app.asar.unpacked\\out\\main\\import-reader.mjs');
  });

  it('leaves any other path as it is: development, an already unpacked path, a folder merely named like the archive', () => {
    expect(unpackedPath('/home/ta/nnlab/out/main/import-reader.mjs')).toBe('/home/ta/nnlab/out/main/import-reader.mjs');
    expect(unpackedPath('/opt/NN Lab/resources/app.asar.unpacked/out/main/import-reader.mjs')).toBe('/opt/NN Lab/resources/app.asar.unpacked/out/main/import-reader.mjs');
    expect(unpackedPath('/home/ta/my-app.asar/out/main/import-reader.mjs')).toBe('/home/ta/my-app.asar/out/main/import-reader.mjs');
  });
});
