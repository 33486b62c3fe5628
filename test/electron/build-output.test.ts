import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EndEvent, TrainingEvent } from '../../engine/api/events';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { nodeDataSources } from '../../engine/data/node-mnist';
import { TrainingPool } from '../../engine/train/pool/training-pool';
import { circleSpec } from '../engine/train/run-helpers';

/** What electron-vite builds (`npm test` builds before it runs the tests), and who may import what. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const worker = join(root, 'out', 'main', 'training-worker.js');
const preload = join(root, 'out', 'preload', 'index.cjs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|svelte|mjs)$/.test(name) ? [path] : [];
  });
}

describe('electron-vite build output', () => {
  it.skipIf(!existsSync(worker))('the built training worker trains a run in a real pool (out/main/training-worker.js)', async () => {
    const pool = new TrainingPool({ size: 1, workerUrl: pathToFileURL(worker) });
    try {
      const spec = parseRunSpec(circleSpec());
      const events: TrainingEvent[] = [];
      const handle = pool.start({ runId: 'built-worker', spec, dataset: loadDataset(spec.dataset, spec.seed, nodeDataSources()) }, { onEvents: (batch) => events.push(...batch) });
      const end: EndEvent = await handle.done;
      expect(end.status).toBe('completed');
      expect(events[0]!.type).toBe('start');
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!existsSync(preload))('the preload is CommonJS that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const code = readFileSync(preload, 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("nnlab"');
  });
});

describe('layering of the transports', () => {
  it('only electron/main/ipc.ts imports ipcMain; nothing but the preload touches ipcRenderer', () => {
    const files = [...sourceFiles(join(root, 'electron')), ...sourceFiles(join(root, 'engine')), ...sourceFiles(join(root, 'cli')), ...sourceFiles(join(root, 'renderer', 'src'))];
    const importing = (name: string) =>
      files.filter((file) => new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]electron['"]`).test(readFileSync(file, 'utf8'))).map((file) => relative(root, file).replaceAll('\\', '/'));
    expect(importing('ipcMain')).toEqual(['electron/main/ipc.ts']);
    expect(importing('ipcRenderer')).toEqual(['electron/preload/index.ts']);
  });

  it('the renderer’s API client imports no Node module and no Electron', () => {
    for (const file of sourceFiles(join(root, 'renderer', 'src', 'lib', 'api'))) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/from\s+['"](node:|electron|ws['"]|fs['"]|path['"])/);
    }
  });
});
