import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries of DESIGN.md are kept by `npm run lint` (eslint.config.js, eslint.boundaries.js),
 * not by habit: each kind of violation, written as it would be in a real file at a real path,
 * fails; the same code at an allowed place passes (so no check here passes vacuously).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rules that fire on `code` as if it were the file at `path` (relative to the repository). */
async function firedRules(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  expect(result, path).toBeDefined();
  return result!.messages.map((message) => message.ruleId ?? `parse error: ${message.message}`);
}

const svelteComponent = (imports: string) => `<script lang="ts">\n  ${imports}\n  const { x }: { x: number } = $props();\n  console.log(Trainer, x);\n</script>\n\n<p>{x}</p>\n`;

describe('npm run lint keeps the boundaries', () => {
  it('refuses a renderer module importing the trainer, and lets it import the contract and the lesson content', async () => {
    expect(await firedRules('renderer/src/lib/state/x.ts', "import { Trainer } from '$engine/train/trainer';\nexport const t = Trainer;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('renderer/src/lib/state/x.ts', "import { Trainer } from '../../../../engine/train/trainer';\nexport const t = Trainer;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('renderer/src/lib/state/x.ts', "import { LabApiError } from '$engine/api/lab-api';\nimport { PRESETS } from '$engine/lab/presets';\nexport const t = [LabApiError, PRESETS];\n")).toEqual([]);
  });

  it('lints Svelte components too: a component importing the trainer fails', async () => {
    expect(await firedRules('renderer/src/components/X.svelte', svelteComponent("import { Trainer } from '$engine/train/trainer';"))).toEqual(['no-restricted-imports']);
    expect(await firedRules('renderer/src/components/X.svelte', svelteComponent("import { PRESETS as Trainer } from '$engine/lab/presets';"))).toEqual([]);
  });

  it('refuses Node APIs in the page and in the pure engine', async () => {
    expect(await firedRules('renderer/src/lib/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/nn/x.ts', 'export const threads = process.env.THREADS;\n')).toEqual(['no-restricted-globals']);
    expect(await firedRules('engine/nn/x.ts', "import { cpus } from 'os';\nexport const n = cpus();\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/lab/x.ts', 'export const size = Buffer.byteLength("x");\n')).toEqual(['no-restricted-globals']);
    expect(await firedRules('engine/train/x.ts', "import { Worker } from 'node:worker_threads';\nexport const w = Worker;\n")).toEqual(['no-restricted-imports']);
    // The worker pool and the MNIST file loader are the Node side of their folders.
    expect(await firedRules('engine/train/pool/x.ts', "import { Worker } from 'node:worker_threads';\nexport const w = Worker;\n")).toEqual([]);
    expect(await firedRules('engine/data/node-x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([]);
  });

  it('keeps the engine folders in their layers and the engine out of electron, renderer and cli', async () => {
    expect(await firedRules('engine/history/x.ts', "import { Trainer } from '../train/trainer';\nexport const t = Trainer;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/lab/x.ts', "import { Trainer } from '../train/trainer';\nexport const t = Trainer;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/nn/layers/x.ts', "import { openHistory } from '../../history/run-history';\nexport const o = openHistory;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/lab/x.ts', "import { activationByName } from '../nn/activations';\nexport const a = activationByName;\n")).toEqual([]);
    expect(await firedRules('engine/service/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/service/x.ts', "import { main } from '../../cli/nnlab';\nexport const m = main;\n")).toEqual(['no-restricted-imports']);
    expect(await firedRules('engine/service/x.ts', "import { Trainer } from '../train/trainer';\nexport const t = Trainer;\n")).toEqual([]);
  });

  it('fails the eslint command itself (what npm run lint runs) on a violation', () => {
    const eslintBin = join(dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin', 'eslint.js');
    const lint = (path: string, code: string) => spawnSync(process.execPath, [eslintBin, '--stdin', '--stdin-filename', path], { cwd: root, input: code, encoding: 'utf8' });
    const violation = lint('engine/nn/x.ts', 'export const threads = process.env.THREADS;\n');
    expect(violation.status).toBe(1);
    expect(violation.stdout).toMatch(/no-restricted-globals/);
    expect(lint('engine/nn/x.ts', 'export const threads = 1;\n').status).toBe(0);
  });
});
