import { app, dialog } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSettingCorruptAside } from '../../engine/history/corrupt-set-aside';
import { LabService } from '../../engine/service/lab-service';
import { startApp } from './app';
import { utilityProcessReader } from './import-reader-process';

/**
 * The Electron entry (out/main/index.js). The training worker is built next to it by
 * electron-vite (out/main/training-worker.js, see electron.vite.config.ts) and handed to the pool.
 * Import files are read by out/main/import-reader.mjs in a utility process (import-reader-process.ts).
 *
 * better-sqlite3's native binary: the default binding is used. Packaging (issue 7) rebuilds it
 * for Electron's ABI inside the app (electron-builder, better-sqlite3 unpacked from asar); for
 * `npm start` on a development machine the plan is an Electron-ABI copy beside the Node one,
 * passed here as LabService's `nativeBinding`, so `npm test` (Node ABI) and `npm start` both work
 * from one install.
 */
const here = import.meta.dirname;

startApp({
  // A damaged history is moved aside and a new one started (the class goes on); the person is told where the old file went.
  openService: (dbPath) => {
    const { opened, notices } = openSettingCorruptAside(dbPath, (path) =>
      LabService.open({
        dbPath: path,
        appVersion: app.getVersion(),
        pool: { workerUrl: pathToFileURL(join(here, 'training-worker.js')) },
        importReader: { script: join(here, 'import-reader.mjs'), launch: utilityProcessReader },
      }),
    );
    for (const notice of notices) void dialog.showMessageBox({ type: 'warning', title: 'NN Lab', message: notice.message });
    opened.addNotices(notices);
    return opened;
  },
  preloadPath: join(here, '../preload/index.cjs'),
  rendererIndexFile: join(here, '../renderer/index.html'),
  ...(process.env.ELECTRON_RENDERER_URL ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}),
});
