import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Python, where Debian's PyTorch (python3-torch) and Jupyter (jupyter-nbconvert) are installed. */
export const PYTHON = '/usr/bin/python3';

/** Whether PYTHON exists and imports every one of `modules`. */
export function pythonHas(...modules: string[]): boolean {
  const result = spawnSync(PYTHON, ['-c', modules.map((name) => `import ${name}`).join('\n') || 'pass'], { encoding: 'utf8' });
  return result.status === 0;
}

/** A fresh temporary folder for one test's files. */
export function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), 'nnlab-export-'));
}

/** Writes `text` to `name` in a fresh folder and returns its path. */
export function writeScratch(name: string, text: string): string {
  const path = join(scratchFolder(), name);
  writeFileSync(path, text);
  return path;
}

/** Runs PYTHON with `args`; throws with its standard error when it fails. */
export function runPython(args: string[], input?: string): string {
  const result = spawnSync(PYTHON, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (result.status !== 0) throw new Error(`python3 ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}
