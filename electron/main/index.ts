import { app } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabService } from '../../engine/service/lab-service';
import { startApp } from './app';

/**
 * The Electron entry (out/main/index.js). The training worker is built next to it by
 * electron-vite (out/main/training-worker.js, see electron.vite.config.ts) and handed to the pool.
 *
 * better-sqlite3's native binary: the default binding is used. Packaging (issue 7) rebuilds it
 * for Electron's ABI inside the app (electron-builder, better-sqlite3 unpacked from asar); for
 * `npm start` on a development machine the plan is an Electron-ABI copy beside the Node one,
 * passed here as LabService's `nativeBinding`, so `npm test` (Node ABI) and `npm start` both work
 * from one install.
 */
const here = import.meta.dirname;

startApp({
  openService: (dbPath) =>
    LabService.open({ dbPath, appVersion: app.getVersion(), pool: { workerUrl: pathToFileURL(join(here, 'training-worker.js')) } }),
  preloadPath: join(here, '../preload/index.cjs'),
  rendererIndexFile: join(here, '../renderer/index.html'),
  ...(process.env.ELECTRON_RENDERER_URL ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}),
});
