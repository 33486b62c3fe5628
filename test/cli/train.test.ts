import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EndEvent, type StartEvent, type TrainingEvent } from '../../engine/api/events';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../engine/api/run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { diagnoseEvents } from '../../engine/lab/doctor/training-doctor';
import { PRESETS } from '../../engine/lab/presets';
import { Trainer } from '../../engine/train/trainer';
import { openHistory } from '../../engine/history/run-history';

import { nnlab, specFile as writeSpec, circleSpec, events, useTempFolder, withoutFindings } from './train-helpers';

const tempFolder = useTempFolder();
const specFile = (spec: unknown): string => writeSpec(tempFolder(), spec);

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
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--lang', 'en']);
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
    const readable = await nnlab(['train', '--spec', path, '--lang', 'en']);
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
    const run = await nnlab(['train', '--spec', specFile(spec), '--lang', 'en']);
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
    const db = join(tempFolder(), 'events.db');
    const input = circleSpec({ diagnostics: { every: 1, bins: 5 } });
    const printed = events((await nnlab(['train', '--spec', specFile(input), '--json', '--db', db])).out);
    const spec = parseRunSpec(input);
    const direct: TrainingEvent[] = [];
    new Trainer(spec, loadDataset(spec.dataset, spec.seed, {}), { runId: (printed[0] as StartEvent).runId, emit: (e) => direct.push(e) }).runToEnd();
    // Times (the end's and each step's elapsedMs) are the clock's, not results.
    const withoutElapsed = (all: TrainingEvent[]) => all.map((e) => (e.type === 'end' || e.type === 'step' ? { ...e, elapsedMs: 0 } : e));
    // Each step line carries its training time in milliseconds since the start, never decreasing (issue 16).
    const times = printed.flatMap((e) => (e.type === 'step' ? [e.elapsedMs] : []));
    expect(times.length).toBe((printed.at(-1) as EndEvent).steps);
    expect(times.every((t, i) => typeof t === 'number' && t >= 0 && (i === 0 || t >= times[i - 1]!))).toBe(true);
    // The end leaves the service with the training doctor's findings, which the history does not keep (they follow from the events).
    expect(withoutElapsed(withoutFindings(printed))).toEqual(withoutElapsed(direct));
    expect((printed.at(-1) as EndEvent).findings).toEqual(diagnoseEvents(direct));
    const history = openHistory(db, { instanceId: 'checker' });
    try {
      expect(history.recordedEvents((printed[0] as StartEvent).runId)).toEqual(withoutFindings(printed));
    } finally {
      history.close();
    }
  });

  it('--db: the run is stored with its weights, and the readable report says where', async () => {
    const db = join(tempFolder(), 'stored.db');
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--db', db, '--lang', 'en']);
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

  it('--preset: the run is named by the preset\'s title in the CLI\'s language, as the screens name it', async () => {
    const preset = PRESETS.find((candidate) => candidate.id === 'features-circle-squares')!;
    for (const lang of ['ko', 'en'] as const) {
      const db = join(tempFolder(), `preset-${lang}.db`);
      expect((await nnlab(['train', '--preset', preset.id, '--db', db, '--lang', lang])).code).toBe(0);
      const history = openHistory(db, { instanceId: 'checker' });
      try {
        expect(history.listRuns().map((run) => run.name)).toEqual([preset.title[lang]]);
      } finally {
        history.close();
      }
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
      const weights = join(tempFolder(), 'no-db-weights.json');
      const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--no-db', '--save-weights', weights, '--lang', 'en']);
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
    const run = await nnlab(['train', '--spec', specFile(diverging()), '--json', '--lang', 'en']);
    expect(run.code).toBe(1);
    const end = events(run.out).at(-1) as EndEvent;
    expect(end.type).toBe('end');
    expect(end.status).toBe('diverged');
    expect(end.message).toMatch(/diverged/);
    expect(run.stderr).toContain(end.message!);
  });

  it('prints the divergence message in the readable summary and saves no weights', async () => {
    const weights = join(tempFolder(), 'diverged-weights.json');
    const run = await nnlab(['train', '--spec', specFile(diverging()), '--save-weights', weights, '--lang', 'en']);
    expect(run.code).toBe(1);
    const text = run.out.join('\n');
    expect(text).toMatch(/^diverged: \d+ of 60 steps/m);
    expect(text).toMatch(/training diverged .*smaller learning rate/);
    expect(existsSync(weights)).toBe(false);
    expect(existsSync(`${weights}.tmp`)).toBe(false);
    expect(run.stderr).toMatch(/weights not saved .*diverged/);
  });

  it('stores the diverged run with every event it printed and its end, and no weights (as the app does)', async () => {
    const db = join(tempFolder(), 'diverged.db');
    const run = await nnlab(['train', '--spec', specFile(diverging()), '--json', '--db', db]);
    expect(run.code).toBe(1);
    const printed = events(run.out);
    const runId = (printed[0] as StartEvent).runId;
    const history = openHistory(db, { instanceId: 'checker' });
    try {
      expect(history.getRun(runId)).toMatchObject({ status: 'diverged', message: (printed.at(-1) as EndEvent).message });
      // Every event it printed; the end's findings (divergence) are the service's, derived from the events, not stored.
      expect((printed.at(-1) as EndEvent).findings?.map((f) => f.evidence.measure)).toEqual(['divergence']);
      expect(history.recordedEvents(runId)).toEqual(withoutFindings(printed));
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
    const run = await nnlab(['train', '--spec', specFile(spec), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.out).toEqual([]);
  });

  it('a missing spec file, naming the path', async () => {
    const path = join(tempFolder(), 'no-such-spec.json');
    const run = await nnlab(['train', '--spec', path, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot read spec file "${path}"`);
  });

  it.each([
    ['both --spec and --preset', ['--spec', 'x.json', '--preset', 'backprop-lecture-network'], /give exactly one of --spec FILE\.json or --preset ID/],
    ['neither --spec nor --preset', ['--json'], /give exactly one of --spec FILE\.json or --preset ID/],
    ['an unknown option', ['--spec', 'x.json', '--epochs', '3'], /--epochs/],
    ['an unknown preset', ['--preset', 'no-such-preset'], /unknown preset "no-such-preset" \(run "nnlab presets"/],
  ])('%s', async (_, args, message) => {
    const run = await nnlab(['train', ...args, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.out).toEqual([]);
  });

  it('a probe preset, pointing to nnlab probe', async () => {
    const probe = PRESETS.find((p) => p.kind === 'probe')!;
    const run = await nnlab(['train', '--preset', probe.id, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`use "nnlab probe --preset ${probe.id}"`);
  });

  it('a --save-weights folder that does not exist, before any training', async () => {
    const run = await nnlab(['train', '--spec', specFile(circleSpec()), '--save-weights', join(tempFolder(), 'missing-folder', 'w.json'), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--save-weights: folder ".*missing-folder" does not exist/);
    expect(run.out).toEqual([]);
  });
});

describe('nnlab train --preset', () => {
  it('runs a training preset as its spec says', async () => {
    const preset = PRESETS.find((p) => p.kind === 'train' && p.spec.dataset.name !== 'mnist');
    if (preset?.kind !== 'train') throw new Error('expected a training preset that needs no MNIST');
    const run = await nnlab(['train', '--preset', preset.id, '--json', '--lang', 'en']);
    expect(run.code).toBe(0);
    const all = events(run.out);
    // Named as the screens name a preset's run: its title in the language asked for.
    expect((all[0] as StartEvent).spec).toEqual(parseRunSpec({ ...preset.spec, name: preset.title.en }));
    expect((all.at(-1) as EndEvent).status).toBe('completed');
  });

  it('tags the stored run with its preset, as the lab sheets tag theirs (the class summary finds a preset\'s runs by it)', async () => {
    const db = join(tempFolder(), 'tagged.db');
    expect((await nnlab(['train', '--preset', 'backprop-lecture-network', '--db', db])).code).toBe(0);
    const history = openHistory(db, { instanceId: 'reader' });
    try {
      expect(history.listRuns().map((r) => r.tags)).toEqual([['preset:backprop-lecture-network']]);
    } finally {
      history.close();
    }
  });
});
