import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabEventSchema, type EndEvent, type EvalEvent, type StartEvent, type TrainingEvent } from '../../engine/api/events';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../engine/api/run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { PRESETS } from '../../engine/lab/presets';
import { Trainer } from '../../engine/train/trainer';
import { parseWeightsFile, valuesInitializers } from '../../engine/api/weights-file';
import { openHistory } from '../../engine/history/run-history';
import type { CliIO } from '../../cli/cli-io';
import { main } from '../../cli/nnlab';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-train-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A CliIO that keeps every line; `onOut` sees each stdout line as it is written. */
function capture(onOut?: (line: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (line) => {
      out.push(line);
      onOut?.(line);
    },
    err: (line) => err.push(line),
  };
  return { io, out, err };
}

async function nnlab(args: string[], onOut?: (line: string) => void) {
  const captured = capture(onOut);
  const code = await main(args, captured.io);
  return { code, out: captured.out, err: captured.err, stderr: captured.err.join('\n') };
}

let fileCount = 0;
/** Writes a spec (object, or raw text) to a fresh file in the temp folder and returns its path. */
function specFile(spec: unknown): string {
  const path = join(dir, `spec-${++fileCount}.json`);
  writeFileSync(path, typeof spec === 'string' ? spec : JSON.stringify(spec));
  return path;
}

/** Circle data, 2-4-1 tanh/sigmoid, 3 epochs of 3 steps: a whole run takes milliseconds. */
function circleSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    version: 1,
    name: 'Small circle',
    seed: 3,
    dataset: { name: 'circle', samples: 60, noise: 0.1, testFraction: 0.5 },
    layers: [
      { units: 4, activation: 'tanh' },
      { units: 1, activation: 'sigmoid' },
    ],
    optimizer: { name: 'sgd', lr: 0.5 },
    training: { batchSize: 10, epochs: 3 },
    diagnostics: { every: 4, bins: 5 },
    ...overrides,
  };
}

function events(lines: string[]): TrainingEvent[] {
  return lines.map((line) => LabEventSchema.parse(JSON.parse(line)));
}

describe('nnlab train --json', () => {
  it('prints exactly the trainer events, one JSON object per line, from start to end', async () => {
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--json']);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    const all = events(run.out);
    expect(all[0]!.type).toBe('start');
    expect(all.at(-1)!.type).toBe('end');
    expect(all.filter((e) => e.type === 'start' || e.type === 'end')).toHaveLength(2);
    const start = all[0] as StartEvent;
    expect(start.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(start.spec).toEqual(parseRunSpec(circleSpec()));
    expect(start.totalSteps).toBe(9);
    expect(all.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.filter((e) => e.type === 'eval').map((e) => (e).epoch)).toEqual([0, 1, 2, 3]);
    expect(all.some((e) => e.type === 'diagnostics')).toBe(true);
    const end = all.at(-1) as EndEvent;
    expect(end.status).toBe('completed');
    expect(end.steps).toBe(9);
  });

  it('gives each run its own id', async () => {
    const path = specFile(circleSpec());
    const first = events((await nnlab(['train', '--spec', path, '--json'])).out)[0] as StartEvent;
    const second = events((await nnlab(['train', '--spec', path, '--json'])).out)[0] as StartEvent;
    expect(first.runId).not.toBe(second.runId);
  });

  it('accepts --no-db and still runs', async () => {
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--json', '--no-db']);
    expect(run.code).toBe(0);
    expect((events(run.out).at(-1) as EndEvent).status).toBe('completed');
  });
});

describe('nnlab train (readable output)', () => {
  it('prints a header, one line per evaluation and a summary', async () => {
    const run = await nnlab(['train', '--spec', specFile(circleSpec())]);
    expect(run.code).toBe(0);
    const text = run.out.join('\n');
    expect(run.out[0]).toMatch(/^Small circle {2}\(spec-\d+\.json\)$/);
    expect(text).toContain('circle: 30 train + 30 test samples, 2 inputs, 2 classes');
    expect(text).toContain('2-4-1 tanh/xavier, sigmoid/xavier output, binary_cross_entropy loss');
    expect(text).toContain('sgd lr 0.5, batch 10');
    expect(text).toContain('3 epochs × 3 steps = 9 steps, seed 3, float32');
    const evalLines = run.out.filter((line) => line.startsWith('epoch '));
    expect(evalLines.map((line) => line.slice(0, 'epoch 0/3  step 0/9'.length))).toEqual(['epoch 0/3  step 0/9', 'epoch 1/3  step 3/9', 'epoch 2/3  step 6/9', 'epoch 3/3  step 9/9']);
    for (const line of evalLines) {
      expect(line).toMatch(/^epoch \d\/3 {2}step \d\/9 {2}train loss \d+\.\d{4} acc \d+\.\d{2}% {2}test loss \d+\.\d{4} acc \d+\.\d{2}% {2}\d+(ms|\.\ds)$/);
    }
    expect(text).toMatch(/\ncompleted: 9 steps in \d+(ms|\.\ds)\n {2}final {2}train loss \d\.\d{4} acc \d+\.\d{2}% {2}test loss/);
    expect(run.out.some((line) => line.startsWith('{'))).toBe(false);
  });

  it('shows the final metrics of the last evaluation', async () => {
    const path = specFile(circleSpec());
    const json = events((await nnlab(['train', '--spec', path, '--json'])).out);
    const end = json.at(-1) as EndEvent;
    const readable = await nnlab(['train', '--spec', path]);
    const final = readable.out.find((line) => line.startsWith('  final'))!;
    expect(final).toContain(`train loss ${end.final!.train.loss.toFixed(4)} acc ${(end.final!.train.accuracy! * 100).toFixed(2)}%`);
    expect(final).toContain(`test loss ${end.final!.test!.loss.toFixed(4)}`);
  });

  it('counts steps, not epochs, for an iteration run, and leaves accuracy out for regression', async () => {
    const spec = circleSpec({
      name: 'Line fit',
      dataset: { name: 'inline', x: [[0], [1], [2], [3]], y: [[1], [3], [5], [7]], test: { x: [[4]], y: [[9]] } },
      layers: [{ units: 1, activation: 'linear' }],
      optimizer: { name: 'sgd', lr: 0.01 },
      training: { batchSize: 2, iterations: 4, shuffle: false, evalEvery: 2 },
    });
    const run = await nnlab(['train', '--spec', specFile(spec)]);
    expect(run.code).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain('real-valued targets');
    expect(text).toContain('4 steps (an epoch is 2 steps)');
    const evalLines = run.out.filter((line) => line.startsWith('step '));
    expect(evalLines.map((line) => line.split('  ')[0])).toEqual(['step 0/4', 'step 2/4', 'step 4/4']);
    expect(run.out.filter((line) => line.startsWith('epoch'))).toEqual([]);
    expect(text).not.toContain('acc');
    expect(text).toMatch(/final {2}train loss \d+\.\d{4} {2}test loss \d+\.\d{4}$/m);
  });
});

describe('nnlab train: the events and the history', () => {
  it('--json prints the very events the trainer emits (elapsedMs aside), and --db stores exactly those', async () => {
    const db = join(dir, 'events.db');
    const input = circleSpec({ diagnostics: { every: 1, bins: 5 } });
    const printed = events((await nnlab(['train', '--spec', specFile(input), '--json', '--db', db])).out);
    const spec = parseRunSpec(input);
    const direct: TrainingEvent[] = [];
    new Trainer(spec, loadDataset(spec.dataset, spec.seed, {}), { runId: (printed[0] as StartEvent).runId, emit: (e) => direct.push(e) }).runToEnd();
    const withoutElapsed = (all: TrainingEvent[]) => all.map((e) => (e.type === 'end' ? { ...e, elapsedMs: 0 } : e));
    expect(withoutElapsed(printed)).toEqual(withoutElapsed(direct));
    const history = openHistory(db, { instanceId: 'checker' });
    try {
      expect(history.recordedEvents((printed[0] as StartEvent).runId)).toEqual(printed);
    } finally {
      history.close();
    }
  });

  it('--db: the run is stored with its weights, and the readable report says where', async () => {
    const db = join(dir, 'stored.db');
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--db', db]);
    expect(run.code).toBe(0);
    const history = openHistory(db, { instanceId: 'checker' });
    try {
      const [stored] = history.listRuns();
      expect(run.out.at(-1)).toBe(`stored as run ${stored!.id.slice(0, 8)} in ${history.path}`);
      expect(stored!.status).toBe('completed');
      expect(history.getWeights(stored!.id)!.layers).toHaveLength(2);
    } finally {
      history.close();
    }
  });

  it('--no-db stores nothing and leaves nothing behind: no history file, no temporary folder', async () => {
    const defaultDb = process.env.NNLAB_DB!;
    const storedRuns = async () => (existsSync(defaultDb) ? (JSON.parse((await nnlab(['runs', 'list', '--json'])).out.join('\n')) as unknown[]).length : 0);
    const runsBefore = await storedRuns();
    const scratchRoot = mkdtempSync(join(tmpdir(), 'nnlab-no-db-root-'));
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = scratchRoot;
    try {
      const weights = join(dir, 'no-db-weights.json');
      const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--no-db', '--save-weights', weights]);
      expect(run.code).toBe(0);
      expect(run.out.some((line) => line.startsWith('stored as run'))).toBe(false);
      expect(run.out.at(-1)).toBe(`weights saved to ${weights}`);
      // tsx, which loads the TypeScript worker under test, keeps its transform cache in the temporary folder too.
      expect(readdirSync(scratchRoot).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      rmSync(scratchRoot, { recursive: true, force: true });
    }
    expect(await storedRuns()).toBe(runsBefore);
  });
});

describe('nnlab train with a diverging spec', () => {
  const diverging = () =>
    circleSpec({
      name: 'Too big a step',
      layers: [
        { units: 8, activation: 'relu' },
        { units: 1, activation: 'linear' },
      ],
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 1e6 },
      training: { batchSize: 10, epochs: 20 },
    });

  it('exits 1, ends the JSON stream with a diverged end event and says why on stderr', async () => {
    const run = await nnlab(['train', '--spec', specFile(diverging()), '--json']);
    expect(run.code).toBe(1);
    const end = events(run.out).at(-1) as EndEvent;
    expect(end.type).toBe('end');
    expect(end.status).toBe('diverged');
    expect(end.message).toMatch(/diverged/);
    expect(run.stderr).toContain(end.message!);
  });

  it('prints the divergence message in the readable summary and saves no weights', async () => {
    const weights = join(dir, 'diverged-weights.json');
    const run = await nnlab(['train', '--spec', specFile(diverging()), '--save-weights', weights]);
    expect(run.code).toBe(1);
    const text = run.out.join('\n');
    expect(text).toMatch(/^diverged: \d+ of 60 steps/m);
    expect(text).toMatch(/training diverged .*smaller learning rate/);
    expect(existsSync(weights)).toBe(false);
    expect(existsSync(`${weights}.tmp`)).toBe(false);
    expect(run.stderr).toMatch(/weights not saved .*diverged/);
  });

  it('stores the diverged run with every event it printed and its end, and no weights (as the app does)', async () => {
    const db = join(dir, 'diverged.db');
    const run = await nnlab(['train', '--spec', specFile(diverging()), '--json', '--db', db]);
    expect(run.code).toBe(1);
    const printed = events(run.out);
    const runId = (printed[0] as StartEvent).runId;
    const history = openHistory(db, { instanceId: 'checker' });
    try {
      expect(history.getRun(runId)).toMatchObject({ status: 'diverged', message: (printed.at(-1) as EndEvent).message });
      expect(history.recordedEvents(runId)).toEqual(printed);
      expect(history.getWeights(runId)).toBeNull();
    } finally {
      history.close();
    }
  });
});

describe('nnlab train: bad input exits 2 with a message naming the field', () => {
  const layersWith = (first: Record<string, unknown>) => circleSpec({ layers: [{ units: 4, activation: 'tanh', ...first }, { units: 1, activation: 'sigmoid' }] as RunSpecInput['layers'] });

  it.each<[string, unknown, RegExp]>([
    ['an unknown activation', layersWith({ activation: 'relux' }), /layers\[0\]\.activation: unknown activation/],
    ['a layer of 0 units', layersWith({ units: 0 }), /layers\[0\]\.units: must be at least 1/],
    ['a negative learning rate', circleSpec({ optimizer: { name: 'sgd', lr: -0.1 } }), /optimizer\.lr: must be greater than 0/],
    ['a learning rate of "NaN"', { ...circleSpec(), optimizer: { name: 'sgd', lr: 'NaN' } }, /optimizer\.lr: /],
    ['a batch larger than the data', circleSpec({ training: { batchSize: 31, epochs: 1 } }), /training\.batchSize: 31 is larger than the 30 training samples/],
    [
      'weights of the wrong shape in a "values" initializer',
      layersWith({ init: { name: 'values', weights: [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]] } }),
      /layers\[0\]\.init\.weights: has 3 rows, expected 2/,
    ],
    [
      'a "values" row of the wrong length in a later layer',
      circleSpec({ layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid', init: { name: 'values', weights: [[1], [1, 2]] } }] }),
      /layers\[1\]\.init\.weights\[1\]: has 2 values, expected 1/,
    ],
    ['malformed JSON', '{ "version": 1, "layers": [', /error: not valid JSON/],
    ['a NaN literal (not JSON)', JSON.stringify(circleSpec()).replace('"lr":0.5', '"lr":NaN'), /error: not valid JSON/],
  ])('%s', async (_, spec, message) => {
    const run = await nnlab(['train', '--spec', specFile(spec)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.out).toEqual([]);
  });

  it('a missing spec file, naming the path', async () => {
    const path = join(dir, 'no-such-spec.json');
    const run = await nnlab(['train', '--spec', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot read spec file "${path}"`);
  });

  it.each([
    ['both --spec and --preset', ['--spec', 'x.json', '--preset', 'backprop-lecture-network'], /give exactly one of --spec FILE\.json or --preset ID/],
    ['neither --spec nor --preset', ['--json'], /give exactly one of --spec FILE\.json or --preset ID/],
    ['an unknown option', ['--spec', 'x.json', '--epochs', '3'], /--epochs/],
    ['an unknown preset', ['--preset', 'no-such-preset'], /unknown preset "no-such-preset" \(run "nnlab presets"/],
  ])('%s', async (_, args, message) => {
    const run = await nnlab(['train', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.out).toEqual([]);
  });

  it('a probe preset, pointing to nnlab probe', async () => {
    const probe = PRESETS.find((p) => p.kind === 'probe')!;
    const run = await nnlab(['train', '--preset', probe.id]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`use "nnlab probe --preset ${probe.id}"`);
  });

  it('a --save-weights folder that does not exist, before any training', async () => {
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--save-weights', join(dir, 'missing-folder', 'w.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--save-weights: folder ".*missing-folder" does not exist/);
    expect(run.out).toEqual([]);
  });
});

describe('nnlab train --preset', () => {
  it('runs a training preset as its spec says', async () => {
    const preset = PRESETS.find((p) => p.kind === 'train' && p.spec.dataset.name !== 'mnist');
    if (preset?.kind !== 'train') throw new Error('expected a training preset that needs no MNIST');
    const run = await nnlab(['train', '--preset', preset.id, '--json']);
    expect(run.code).toBe(0);
    const all = events(run.out);
    expect((all[0] as StartEvent).spec).toEqual(parseRunSpec(preset.spec));
    expect((all.at(-1) as EndEvent).status).toBe('completed');
  });
});

describe('nnlab train --save-weights', () => {
  /** Trains the same spec in-process (same seed ⇒ bit-identical) to compare with what the CLI saved. */
  function trainDirectly(input: RunSpecInput) {
    const spec = parseRunSpec(input);
    const trainEvents: TrainingEvent[] = [];
    const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, {}), { runId: 'direct', emit: (e) => trainEvents.push(e) });
    trainer.runToEnd();
    return { trainer, end: trainEvents.at(-1) as EndEvent };
  }

  it.each(['float32', 'float64'] as const)('writes a file that rebuilds the trained network exactly (%s)', async (dtype) => {
    const input = circleSpec({
      dtype,
      layers: [
        { units: 5, activation: 'relu' },
        { units: 3, activation: 'tanh' },
        { units: 2, activation: 'softmax' },
      ],
    });
    const path = join(dir, `weights-${dtype}.json`);
    const run = await nnlab(['train', '--spec', specFile(input), '--save-weights', path]);
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toBe(`weights saved to ${path}`);
    expect(existsSync(`${path}.tmp`)).toBe(false);

    const file = parseWeightsFile(JSON.parse(readFileSync(path, 'utf8')));
    const { trainer, end } = trainDirectly(input);
    expect(file.layers).toHaveLength(3);
    trainer.network.blocks.forEach((block, i) => {
      const { rows, cols, value } = block.dense.weights;
      expect(file.layers[i]!.weights.map((row) => row.length)).toEqual(Array(rows).fill(cols));
      // Every value reads back to exactly the trained number (float32 through Math.fround).
      const read = (v: number) => (dtype === 'float32' ? Math.fround(v) : v);
      expect(file.layers[i]!.weights.flat().map(read)).toEqual(Array.from(value));
      expect(file.layers[i]!.bias.map(read)).toEqual(Array.from(block.dense.bias.value));
    });

    // A spec whose layers start from the saved values, evaluated before any update, scores exactly the run's final metrics.
    const inits = valuesInitializers(file);
    const restored = parseRunSpec({ ...input, layers: input.layers.map((layer, i) => ({ ...layer, init: inits[i] })) });
    const restoredEvents: TrainingEvent[] = [];
    const restoredTrainer = new Trainer(restored, loadDataset(restored.dataset, restored.seed, {}), { runId: 'restored', emit: (e) => restoredEvents.push(e) });
    restoredTrainer.start();
    const initial = restoredEvents.find((e): e is EvalEvent => e.type === 'eval')!;
    expect(initial.step).toBe(0);
    expect(initial.train).toEqual(end.final!.train);
    expect(initial.test).toEqual(end.final!.test);
    const x = dtype === 'float32' ? Float32Array.from([0.5, -0.25, -1, 2]) : Float64Array.from([0.5, -0.25, -1, 2]);
    const expected = Array.from(trainer.network.forward(x, 2, false).subarray(0, 4));
    expect(Array.from(restoredTrainer.network.forward(x, 2, false).subarray(0, 4))).toEqual(expected);
  });

  it('writes batch-norm parameters for batch-norm layers', async () => {
    const input = circleSpec({ layers: [{ units: 4, activation: 'relu', batchNorm: true }, { units: 1, activation: 'sigmoid' }] });
    const path = join(dir, 'weights-bn.json');
    expect((await nnlab(['train', '--spec', specFile(input), '--save-weights', path, '--json'])).code).toBe(0);
    const file = parseWeightsFile(JSON.parse(readFileSync(path, 'utf8')));
    const bn = trainDirectly(input).trainer.network.blocks[0]!.batchNorm!;
    expect(file.layers[0]!.runningVar!.map(Math.fround)).toEqual(Array.from(bn.runningVar));
    expect(file.layers[0]!.gamma!.map(Math.fround)).toEqual(Array.from(bn.gamma.value));
    expect(file.layers[1]!.gamma).toBeUndefined();
  });

  it('replaces an existing file and leaves no temporary file behind', async () => {
    const path = join(dir, 'weights-replace.json');
    writeFileSync(path, 'old contents');
    expect((await nnlab(['train', '--spec', specFile(circleSpec()), '--save-weights', path, '--json'])).code).toBe(0);
    expect(() => parseWeightsFile(JSON.parse(readFileSync(path, 'utf8')))).not.toThrow();
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('nnlab train stopped with Ctrl-C (SIGINT)', () => {
  const endless = () => circleSpec({ training: { batchSize: 10, iterations: 100_000_000 } });

  it('ends the run as stopped, exits 0, still saves the weights and removes its SIGINT listener', async () => {
    const listenersBefore = process.listenerCount('SIGINT');
    const path = join(dir, 'weights-stopped.json');
    let signalled = false;
    const run = await nnlab(['train', '--spec', specFile(endless()), '--json', '--save-weights', path], (line) => {
      // Signal once the run is under way; the CLI must stop it between chunks of steps.
      if (!signalled && line.includes('"type":"step"')) {
        signalled = true;
        process.emit('SIGINT');
      }
    });
    expect(run.code).toBe(0);
    const end = events(run.out).at(-1) as EndEvent;
    expect(end.status).toBe('stopped');
    expect(end.message).toBe('stopped by the user');
    expect(end.steps).toBeLessThan(100_000_000);
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
    expect(parseWeightsFile(JSON.parse(readFileSync(path, 'utf8'))).layers).toHaveLength(2);
  });

  it('keeps the stopped run in the history with everything it printed and its weights', async () => {
    const db = join(dir, 'stopped.db');
    let signalled = false;
    const run = await nnlab(['train', '--spec', specFile(endless()), '--json', '--db', db], (line) => {
      if (!signalled && line.includes('"type":"step"')) {
        signalled = true;
        process.emit('SIGINT');
      }
    });
    expect(run.code).toBe(0);
    const printed = events(run.out);
    const runId = (printed[0] as StartEvent).runId;
    const history = openHistory(db, { instanceId: 'checker' });
    try {
      expect(history.getRun(runId).status).toBe('stopped');
      expect(history.recordedEvents(runId)).toEqual(printed);
      expect(history.getWeights(runId)!.layers).toHaveLength(2);
    } finally {
      history.close();
    }
  });

  it.skipIf(process.platform === 'win32')('stops a real child process on a real SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'train', '--spec', specFile(endless()), '--json'], { cwd: repoRoot });
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && stdout.includes('"type":"step"')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolveExit) => child.on('close', (exitCode) => resolveExit(exitCode)));
    expect(code).toBe(0);
    const end = events(stdout.trimEnd().split('\n')).at(-1) as EndEvent;
    expect(end.status).toBe('stopped');
  });
});

describe('nnlab train as a real process', () => {
  it('prints JSON lines from start to end on stdout and exits 0', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'train', '--spec', specFile(circleSpec()), '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const all = events(lines);
    expect(all[0]!.type).toBe('start');
    expect(all.at(-1)!.type).toBe('end');
    expect((all.at(-1) as EndEvent).status).toBe('completed');
  });

  it('exits 2 with one error line for a bad spec', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'train', '--spec', specFile(circleSpec({ optimizer: { name: 'sgd', lr: -1 } }))], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('error: optimizer.lr: must be greater than 0');
  });
});
