import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabPush } from '../../engine/api/lab-api';
import type { PackOpenOutcome } from '../../engine/api/lab-pack';
import { LabService } from '../../engine/service/lab-service';
import { electron, electronModule, ipcEvent } from './electron-mock';

/**
 * Lab pack files handed to the desktop app by the system (file association): the paths found in a
 * command line, read within the pack cap, opened by the real service, and the page told once it
 * listens; through startApp: at launch, from a second launch and from macOS's open-file.
 */
vi.mock('electron', () => electronModule());

const { packPathsFromArgv, readPackBytes, openPackPath, PackFileOpener } = await import('../../electron/main/pack-files');
const { startApp } = await import('../../electron/main/app');

let dir: string;
let packFile: string;
const savedArgv = process.argv;
// startApp hands the engine the bundled datasets through these (resource-paths.ts); restored after.
const electronProcess = process as { resourcesPath?: string };
const saved = { dataDir: process.env['NNLAB_DATA_DIR'], resourcesPath: electronProcess.resourcesPath };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-pack-files-'));
  electronProcess.resourcesPath = join(dir, 'install', 'resources');
  const maker = LabService.open({ dbPath: join(dir, 'teacher.db'), pool: { size: 1 } });
  const { data } = maker.createPack({ title: '4주차 실습', className: '딥러닝 기초', teacher: '김교수', presets: ['backprop-lecture-network'] });
  packFile = join(dir, '4주차 실습.nnlabpack');
  writeFileSync(packFile, data);
  void maker.close();
});
afterAll(() => {
  process.argv = savedArgv;
  electronProcess.resourcesPath = saved.resourcesPath;
  if (saved.dataDir === undefined) delete process.env['NNLAB_DATA_DIR'];
  else process.env['NNLAB_DATA_DIR'] = saved.dataDir;
  rmSync(dir, { recursive: true, force: true });
});

describe('packPathsFromArgv', () => {
  it('takes the .nnlabpack arguments (any case), resolved against the launch directory, once each', () => {
    const argv = ['C:\\Program Files\\NN Lab\\NN Lab.exe', '--allow-file-access-from-files', 'lab.nnlabpack', '/home/s/Downloads/Week 4.NNLABPACK', 'lab.nnlabpack', 'notes.txt', 'run.nnlab'];
    expect(packPathsFromArgv(argv, '/home/s')).toEqual([resolve('/home/s', 'lab.nnlabpack'), '/home/s/Downloads/Week 4.NNLABPACK']);
  });

  it('never takes the executable, the app folder in development, or a switch that ends like a pack', () => {
    expect(packPathsFromArgv(['/usr/lib/electron/electron', '.', '--inspect=x.nnlabpack', '--'], '/w')).toEqual([]);
  });
});

describe('readPackBytes and openPackPath', () => {
  it('reads a pack and refuses a larger file before reading past the cap', async () => {
    expect((await readPackBytes(packFile)).length).toBeGreaterThan(0);
    const big = join(dir, 'big.nnlabpack');
    writeFileSync(big, Buffer.alloc(2049));
    await expect(readPackBytes(big, 2048)).rejects.toThrow(/^this file is too large to import/);
    await expect(readPackBytes(dir)).rejects.toThrow();
  });

  it('turns every failure into a push naming the file (a missing file, a folder, not a pack)', async () => {
    const open = vi.fn((): PackOpenOutcome => ({ id: 'x', title: 'x', status: 'added' }));
    expect(await openPackPath(join(dir, 'gone.nnlabpack'), open)).toEqual({ type: 'pack-open-failed', file: 'gone.nnlabpack', message: 'the file does not exist (moved or deleted?)' });
    const folder = join(dir, 'folder.nnlabpack');
    mkdirSync(folder);
    expect(await openPackPath(folder, open)).toMatchObject({ type: 'pack-open-failed', file: 'folder.nnlabpack' });
    expect(open).not.toHaveBeenCalled();
  });
});

describe('PackFileOpener', () => {
  it('holds files until the service is open and pushes until the page listens, then sends each once, in order', async () => {
    const opener = new PackFileOpener();
    const sent: LabPush[] = [];
    const opened: number[] = [];
    await opener.add([packFile, join(dir, 'gone.nnlabpack')]);
    await opener.connect((bytes) => {
      opened.push(bytes.length);
      return { id: 'p', title: '4주차 실습', status: opened.length === 1 ? 'added' : 'already-present' };
    }, (push) => sent.push(push));
    expect(opened).toHaveLength(1);
    expect(sent).toEqual([]);
    opener.pageListening();
    expect(sent.map((p) => p.type)).toEqual(['pack-opened', 'pack-open-failed']);
    opener.pageLeft();
    await opener.add([packFile]);
    expect(sent).toHaveLength(2);
    opener.pageListening();
    expect(sent.at(-1)).toEqual({ type: 'pack-opened', file: '4주차 실습.nnlabpack', outcome: { id: 'p', title: '4주차 실습', status: 'already-present' } });
  });
});

describe('startApp and pack files', () => {
  it('opens the pack named at launch, from a second launch and from open-file, and tells the page once it asks', async () => {
    electron.app.userData = join(dir, 'userData');
    mkdirSync(join(dir, 'out', 'renderer'), { recursive: true });
    writeFileSync(join(dir, 'out', 'renderer', 'index.html'), '<!doctype html>');
    process.argv = ['/opt/NN Lab/nnlab', packFile];
    let service: LabService | null = null;
    const before = electron.windows.length;
    const openFileEarly = { preventDefault: vi.fn() };
    startApp({ openService: (dbPath) => (service = LabService.open({ dbPath, pool: { size: 1 } })), preloadPath: '/p', rendererIndexFile: join(dir, 'out', 'renderer', 'index.html') });
    // macOS may name a file before the app is ready.
    electron.app.emit('open-file', openFileEarly, packFile);
    expect(openFileEarly.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(before + 1));
    const window = electron.windows.at(-1)!;
    await vi.waitFor(() => expect(service!.listPacks()).toHaveLength(1));
    const packPushes = () => window.webContents.sent.filter(([, push]) => (push as LabPush).type.startsWith('pack-')).map(([, push]) => push as LabPush);
    expect(packPushes()).toEqual([]);

    window.webContents.mainFrame.url = 'app://nnlab/index.html';
    await electron.handlers.get('lab:appInfo')!(ipcEvent(window));
    await vi.waitFor(() => expect(packPushes()).toHaveLength(2));
    expect(packPushes()[0]).toMatchObject({ type: 'pack-opened', file: '4주차 실습.nnlabpack', outcome: { title: '4주차 실습', status: 'added' } });
    expect(packPushes()[1]).toMatchObject({ type: 'pack-opened', outcome: { status: 'already-present' } });

    electron.app.emit('second-instance', {}, ['/opt/NN Lab/nnlab', 'missing.nnlabpack'], dir);
    await vi.waitFor(() => expect(packPushes()).toHaveLength(3));
    expect(packPushes()[2]).toEqual({ type: 'pack-open-failed', file: 'missing.nnlabpack', message: 'the file does not exist (moved or deleted?)' });
    expect(window.focused).toBe(true);
    expect(service!.listPacks()).toHaveLength(1);
    await service!.close();
  });
});
