import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../../engine/api/run-spec';
import { pytorchScript } from '../../../../engine/lab/export-script';
import { PRESETS } from '../../../../engine/lab/presets';
import { PYTHON, pythonHas, runPython, writeScratch } from './python';

const hasPython = pythonHas();
const hasTorch = hasPython && pythonHas('torch', 'numpy');
if (!hasPython) console.warn('skipped: compiling the exported scripts needs /usr/bin/python3');
else if (!hasTorch) console.warn('skipped: running the exported script needs /usr/bin/python3 with torch and numpy');

const HOSTILE_NAME = 'x" + __import__("os").system("echo owned") + "\n"""\n\'\'\'\\\u202e\u0000{SEED}';

const SPEC: RunSpecInput = {
  version: 1,
  name: HOSTILE_NAME,
  seed: 1,
  dtype: 'float64',
  dataset: { name: 'xor', samples: 40, noise: 0 },
  layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  optimizer: { name: 'sgd', lr: 0.1 },
  training: { batchSize: 10, iterations: 3 },
};

describe('the exported PyTorch script', () => {
  it('holds a hostile run name only as one escaped string literal', () => {
    const script = pytorchScript(parseRunSpec(SPEC), 'ko');
    const lines = script.split('\n').filter((line) => line.includes('owned'));
    expect(lines).toEqual(['RUN_NAME = "x\\" + __import__(\\"os\\").system(\\"echo owned\\") + \\"\\u000a\\"\\"\\"\\u000a\'\'\'\\\\\\u202e\\u0000{SEED}"']);
  });

  it('refuses, naming the field, a spec whose output layer does not fit its data or whose batch is larger than the data', () => {
    expect(() => pytorchScript(parseRunSpec({ ...SPEC, layers: [{ units: 3, activation: 'softmax' }] }))).toThrow('layers[0].units: the output layer has 3 units but xor has 2 classes');
    expect(() => pytorchScript(parseRunSpec({ ...SPEC, training: { batchSize: 30, iterations: 1 } }))).toThrow('training.batchSize: 30 is larger than the 20 training samples');
  });

  it.skipIf(!hasPython)('compiles for every training preset, in Korean and English', () => {
    for (const preset of PRESETS) {
      if (preset.kind !== 'train') continue;
      for (const lang of ['ko', 'en'] as const) runPython(['-m', 'py_compile', writeScratch(`${preset.id}_${lang}.py`, pytorchScript(parseRunSpec(preset.spec), lang))]);
    }
  });

  it.skipIf(!hasTorch)('runs with a hostile name and reports it back unchanged, running nothing it holds', () => {
    const out = runPython([writeScratch('hostile.py', pytorchScript(parseRunSpec(SPEC), 'ko')), '--json']);
    expect(out).not.toContain('owned\n');
    const start = JSON.parse(out.split('\n')[0]!) as { type: string; runName: string };
    expect(start).toMatchObject({ type: 'start', runName: HOSTILE_NAME });
  });

  it.skipIf(!hasTorch)('without --json prints the evaluations and the end for people', () => {
    const out = runPython([writeScratch('readable.py', pytorchScript(parseRunSpec(SPEC), 'en'))]).trim().split('\n');
    expect(out[0]).toMatch(/^step 0 \(epoch 0\): train loss \d\.\d{4}, accuracy \d\.\d{3}; test loss \d\.\d{4}, accuracy \d\.\d{3}$/);
    expect(out).toContain('step 0: loss ' + out[1]!.slice('step 0: loss '.length));
    expect(out.at(-1)).toBe('completed after 3 steps');
  });

  it.skipIf(!hasTorch)('an MNIST run without --mnist-dir stops with one line naming the files it needs', () => {
    const spec = parseRunSpec({ ...SPEC, dataset: { name: 'mnist', trainSize: 20, testSize: 0 }, layers: [{ units: 10, activation: 'softmax' }] });
    const result = spawnSync(PYTHON, [writeScratch('mnist.py', pytorchScript(spec, 'en'))], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('MNIST: give the folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (--mnist-dir DIR; MNIST_DIR in the notebook)');
  });
});
