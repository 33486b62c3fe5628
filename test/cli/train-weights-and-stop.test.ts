import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EndEvent, EvalEvent, StartEvent, TrainingEvent } from '../../engine/api/events';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../engine/api/run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { Trainer } from '../../engine/train/trainer';
import { parseWeightsFile, valuesInitializers } from '../../engine/api/weights-file';
import { openHistory } from '../../engine/history/run-history';
import { repoRoot, nnlab, specFile as writeSpec, circleSpec, events, useTempFolder, withoutFindings } from './train-helpers';

const tempFolder = useTempFolder();
const specFile = (spec: unknown): string => writeSpec(tempFolder(), spec);

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
    const path = join(tempFolder(), `weights-${dtype}.json`);
    const run = await nnlab(['train', '--spec', specFile(input), '--save-weights', path, '--lang', 'en']);
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
    const path = join(tempFolder(), 'weights-bn.json');
    expect((await nnlab(['train', '--spec', specFile(input), '--save-weights', path, '--json'])).code).toBe(0);
    const file = parseWeightsFile(JSON.parse(readFileSync(path, 'utf8')));
    const bn = trainDirectly(input).trainer.network.blocks[0]!.batchNorm!;
    expect(file.layers[0]!.runningVar!.map(Math.fround)).toEqual(Array.from(bn.runningVar));
    expect(file.layers[0]!.gamma!.map(Math.fround)).toEqual(Array.from(bn.gamma.value));
    expect(file.layers[1]!.gamma).toBeUndefined();
  });

  it('replaces an existing file and leaves no temporary file behind', async () => {
    const path = join(tempFolder(), 'weights-replace.json');
    writeFileSync(path, 'old contents');
    expect((await nnlab(['train', '--spec', specFile(circleSpec()), '--save-weights', path, '--json'])).code).toBe(0);
    expect(() => parseWeightsFile(JSON.parse(readFileSync(path, 'utf8')))).not.toThrow();
    expect(readdirSync(tempFolder()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('nnlab train stopped with Ctrl-C (SIGINT)', () => {
  const endless = () => circleSpec({ training: { batchSize: 10, iterations: 100_000_000 } });

  it('ends the run as stopped, exits 0, still saves the weights and removes its SIGINT listener', async () => {
    const listenersBefore = process.listenerCount('SIGINT');
    const path = join(tempFolder(), 'weights-stopped.json');
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
    const db = join(tempFolder(), 'stopped.db');
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
      expect(history.recordedEvents(runId)).toEqual(withoutFindings(printed));
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
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'train', '--spec', specFile(circleSpec({ optimizer: { name: 'sgd', lr: -1 } })), '--lang', 'en'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('error: optimizer.lr: must be greater than 0');
  });
});
