import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunDetail, RunSummary } from '../../engine/api/runs';
import { exportScript } from '../../engine/lab/export-script';
import { findPreset, type TrainPreset } from '../../engine/lab/presets';
import { PYTHON, pythonHas, runPython } from '../engine/lab/export-script/python';
import { nnlab, nnlabJson } from './cli-harness';

/**
 * `nnlab export-script` from a spec file, a preset and a stored run (a real SQLite history with a
 * run trained by `nnlab train`), to a file or to standard output, and its one-line errors.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const hasTorch = pythonHas('torch', 'numpy');
if (!hasTorch) console.warn('skipped: running the exported run needs /usr/bin/python3 with torch and numpy');

const SPEC = {
  version: 1,
  name: 'gauss "exported"',
  seed: 9,
  dtype: 'float64',
  dataset: { name: 'gauss', samples: 60, noise: 0.2 },
  layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }],
  optimizer: { name: 'adam', lr: 0.02 },
  training: { batchSize: 10, epochs: 2 },
  diagnostics: { every: 2, bins: 10 },
};

let dir: string;
let db: string;
let specPath: string;
let runId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-export-script-'));
  db = join(dir, 'runs.db');
  specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(SPEC));
  expect((await nnlab(['train', '--spec', specPath, '--db', db])).code).toBe(0);
  runId = (await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db]))[0]!.id;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnlab export-script', () => {
  it('writes a spec file as a PyTorch script and says how to run it', async () => {
    const out = join(dir, 'spec.py');
    const result = await nnlab(['export-script', '--spec', specPath, '--lang', 'en', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([expect.stringMatching(new RegExp(`^wrote spec .*spec\\.json as a PyTorch script to .*spec\\.py \\(\\d+ bytes\\); run it with: python3 .*spec\\.py --json$`))]);
    expect(readFileSync(out, 'utf8')).toBe(exportScript(parseRunSpec(SPEC), 'pytorch', 'en'));
  });

  it('writes to standard output with --out -, Korean comments by default', async () => {
    const result = await nnlab(['export-script', '--preset', 'backprop-lecture-network', '--out', '-']);
    expect(result.code).toBe(0);
    const expected = exportScript(parseRunSpec((findPreset('backprop-lecture-network') as TrainPreset).spec), 'pytorch', 'ko');
    expect(`${result.stdout}\n`).toBe(expected);
    expect(result.stdout).toContain('# ── 신경망');
  });

  it('writes a notebook with --format notebook, or for an --out name ending in .ipynb', async () => {
    const byName = join(dir, 'run.ipynb');
    expect((await nnlab(['export-script', '--spec', specPath, '--out', byName])).code).toBe(0);
    expect(JSON.parse(readFileSync(byName, 'utf8'))).toMatchObject({ nbformat: 4 });
    const byFormat = await nnlab(['export-script', '--spec', specPath, '--format', 'notebook', '--out', '-']);
    expect(JSON.parse(byFormat.stdout)).toMatchObject({ nbformat: 4, metadata: { kernelspec: { name: 'python3' } } });
  });

  it('reads the spec from standard input with --spec -', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'export-script', '--spec', '-', '--out', '-'], { cwd: repoRoot, input: JSON.stringify(SPEC), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(exportScript(parseRunSpec(SPEC), 'pytorch', 'ko'));
  });

  it("exports a stored run by its id prefix: the run's own spec", async () => {
    const result = await nnlab(['export-script', '--run', runId.slice(0, 8), '--db', db, '--lang', 'en', '--out', '-']);
    expect(result.code).toBe(0);
    expect(`${result.stdout}\n`).toBe(exportScript(parseRunSpec(SPEC), 'pytorch', 'en'));
  });

  it.skipIf(!hasTorch)('piped into a reader that stops early (| head -n 1), the exported script ends without a traceback', async () => {
    // 3,000 steps of JSON lines are more than a pipe holds, so the script is still writing when head closes it.
    const long = join(dir, 'long.json');
    writeFileSync(long, JSON.stringify({ ...SPEC, training: { batchSize: 10, iterations: 3000 } }));
    const script = join(dir, 'long.py');
    expect((await nnlab(['export-script', '--spec', long, '--out', script])).code).toBe(0);
    const piped = spawnSync('/bin/sh', ['-c', `"${PYTHON}" "${script}" --json | head -n 1`], { encoding: 'utf8', timeout: 120_000 });
    expect(JSON.parse(piped.stdout)).toMatchObject({ type: 'start' });
    expect(piped.stderr).not.toMatch(/Traceback|BrokenPipeError/);
    expect(piped.stderr).toBe('');
  });

  it.skipIf(!hasTorch)('a stored run, exported and run with PyTorch, shows the losses the history holds', async () => {
    const out = join(dir, 'stored.py');
    expect((await nnlab(['export-script', '--run', runId, '--db', db, '--out', out])).code).toBe(0);
    const steps = runPython([out, '--json'])
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; loss: number })
      .filter((event) => event.type === 'step');
    const stored = (await nnlabJson<{ metrics: { steps: RunDetail['steps'] } }>(['runs', 'show', runId, '--db', db])).metrics.steps.loss;
    expect(steps).toHaveLength(stored.length);
    steps.forEach((step, i) => expect(Math.abs(step.loss - stored[i]!) / stored[i]!).toBeLessThan(1e-6));
  });

  it.each([
    [[], 'error: nnlab export-script: give exactly one of --spec FILE, --preset ID or --run ID (see "nnlab export-script --help")'],
    [['--preset', 'overfit-l2', '--run', 'abc', '--out', '-'], 'error: nnlab export-script: give exactly one of --spec FILE, --preset ID or --run ID (see "nnlab export-script --help")'],
    [['--preset', 'overfit-l2'], 'error: nnlab export-script: give the file to write with --out FILE (or --out - for standard output)'],
    [['--preset', 'overfit-l2', '--db', 'x.db', '--out', '-'], 'error: nnlab export-script: --db goes with --run (a spec or a preset needs no history)'],
    [['--preset', 'overfit-l2', '--format', 'keras', '--out', '-'], 'error: --format: "keras" is not a format here (use pytorch or notebook)'],
    [['--preset', 'overfit-l2', '--lang', 'fr', '--out', '-'], 'error: --lang: "fr" is not a language here (use ko or en)'],
    [['--preset', 'nope', '--out', '-'], 'error: unknown preset "nope" (run "nnlab presets" to see the preset ids)'],
    [['--preset', 'probe-relu-he', '--out', '-'], 'error: preset "probe-relu-he" is a probe (no training to export): choose a training preset'],
    [['--spec', 'no-such-file.json', '--out', '-'], 'error: cannot read spec file "no-such-file.json": no such file'],
    [['--preset', 'overfit-l2', '--out', join('no-such-folder', 'x.py')], /^error: cannot write "no-such-folder[/\\]x\.py": /],
    [['--presett', 'overfit-l2'], /^error: nnlab export-script: Unknown option '--presett'/],
  ])('refuses bad input in one line (exit 2): %j', async (args, message) => {
    // The English lines (Korean is the default here; cli-language-output.test.ts reads the Korean).
    const result = await nnlab(['export-script', ...(args as string[])], { NNLAB_LANG: 'en' });
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    if (typeof message === 'string') expect(result.err[0]).toBe(message);
    else expect(result.err[0]).toMatch(message);
    expect(result.out).toEqual([]);
  });

  it('refuses a spec whose output layer does not fit its data, naming the field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SPEC, layers: [{ units: 3, activation: 'softmax' }] }));
    const result = await nnlab(['export-script', '--spec', bad, '--out', '-', '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`error: cannot export spec ${bad}: layers[0].units: the output layer has 3 units but gauss has 2 classes`]);
  });

  it('refuses an unknown run id with the history\'s message', async () => {
    const result = await nnlab(['export-script', '--run', 'ffffffff', '--db', db, '--out', '-'], { NNLAB_LANG: 'en' });
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^error: .*ffffffff/);
  });

  it('is listed in the command list and has its own help', async () => {
    expect((await nnlab(['--help', '--lang', 'en'])).stdout).toMatch(/^ {2}export-script {2}write a run as a PyTorch script or a Jupyter notebook that reproduces it$/m);
    expect((await nnlab(['export-script', '--help', '--lang', 'en'])).stdout).toMatch(/^Usage: nnlab export-script \(--spec FILE \| --preset ID \| --run ID \[--db PATH\]\)/);
  });
});
