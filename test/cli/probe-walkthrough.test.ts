import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESETS, type ProbePreset } from '../../engine/lab/presets';
import { runProbe } from '../../engine/lab/probe';
import { LECTURE_NETWORK, runWalkthrough, type WalkthroughResult } from '../../engine/lab/walkthrough';
import type { CliIO } from '../../cli/cli-io';
import { main } from '../../cli/nnlab';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // These tests read the English text; the Korean is checked in cli-language-output.test.ts.
  const io: CliIO = { out: (line) => out.push(line), err: (line) => err.push(line), env: { NNLAB_LANG: 'en' } };
  const code = await main(argv, io);
  return { code, out, err, text: out.join('\n') };
}

async function json<T>(...argv: string[]): Promise<T> {
  const { code, out, err } = await run(...argv, '--json');
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]!) as T;
}

const small = ['--samples', '200'];

describe('nnlab probe', () => {
  it('--json prints one object { layers: [ { layer, mean, std, saturatedFraction, deadFraction, histogram, gradNorm } ] }', async () => {
    const result = await json<{ layers: Record<string, unknown>[] }>('probe', '--activation', 'relu', '--init', 'he', ...small);
    expect(Object.keys(result)).toEqual(['layers']);
    expect(result.layers).toHaveLength(5);
    for (const layer of result.layers) {
      expect(Object.keys(layer).sort()).toEqual(['deadFraction', 'gradNorm', 'histogram', 'layer', 'mean', 'saturatedFraction', 'std']);
      expect((layer.histogram as { edges: number[] }).edges).toHaveLength(31);
    }
  });

  it('passes every option through to the engine', async () => {
    const fromCli = await json('probe', '--activation', 'tanh', '--init', 'uniform', '--limit', '0.3', '--layers', '3', '--units', '20', '--samples', '50', '--bins', '12', '--seed', '9');
    expect(fromCli).toEqual(runProbe({ activation: 'tanh', init: { name: 'uniform', limit: 0.3 }, layers: 3, units: 20, samples: 50, bins: 12, seed: 9 }));
  });

  it('--std alone means --init normal', async () => {
    const alone = await json('probe', '--activation', 'sigmoid', '--std', '0.01', ...small);
    expect(alone).toEqual(await json('probe', '--activation', 'sigmoid', '--init', 'normal', '--std', '0.01', ...small));
    expect(alone).toEqual(runProbe({ activation: 'sigmoid', init: { name: 'normal', std: 0.01 }, samples: 200 }));
  });

  it('--preset runs a probe preset, and other options override it', async () => {
    const preset = PRESETS.find((p): p is ProbePreset => p.kind === 'probe')!;
    expect(await json('probe', '--preset', preset.id)).toEqual(runProbe({ ...preset.probe }));
    expect(await json('probe', '--preset', preset.id, '--layers', '2', ...small)).toEqual(runProbe({ ...preset.probe, layers: 2, samples: 200 }));
  });

  it('prints a table per layer and a histogram line per layer, so the figure shows in a terminal', async () => {
    const { code, out } = await run('probe', '--activation', 'sigmoid', '--std', '1');
    expect(code).toBe(0);
    const header = out.findIndex((line) => /layer\s+mean\s+std\s+saturated\s+dead/.test(line));
    expect(header).toBeGreaterThan(0);
    const rows = out.slice(header + 1, header + 6);
    rows.forEach((row, i) => expect(row).toMatch(new RegExp(`^\\s+${i + 1}\\s+[\\d.e-]+\\s+[\\d.e-]+\\s+\\d+\\.\\d %\\s+\\d+\\.\\d %\\s+[\\d.e-]+$`)));
    const histograms = out.filter((line) => line.startsWith('layer ') && line.includes('|'));
    expect(histograms).toHaveLength(5);
    for (const line of histograms) {
      const bars = /\|(.*)\|/u.exec(line)![1]!;
      expect([...bars]).toHaveLength(30);
      // sigmoid with std 1 piles up at 0 and 1: the end columns are tall, the middle ones low.
      expect('▆▇█').toContain([...bars][0]);
      expect([...bars][29]).toBe('█');
      expect([...bars][15]).toBe('▁');
      expect(line).toMatch(/\| {2}std [\d.]+( \([\d.e-]+× layer 1\))?$/);
    }
  });
});

/** The text bars of `nnlab probe …`: the header line, then one line of bars per layer. */
async function histogramText(...argv: string[]) {
  const { code, out } = await run('probe', ...argv);
  expect(code).toBe(0);
  const header = out.findIndex((line) => line.startsWith('Activation histograms'));
  expect(header).toBeGreaterThan(0);
  const layers = out.slice(header + 1).filter((line) => line.startsWith('layer '));
  const columns = layers.map((line) => [.../\|(.*)\|/u.exec(line)![1]!]);
  /** Columns with any bar in them. */
  const filled = columns.map((bars) => bars.flatMap((bar, i) => (bar === ' ' ? [] : [i])));
  return { out, header: out[header]!, layers, columns, filled, ruler: out[header + 1 + layers.length] ?? '' };
}

describe('nnlab probe: histogram text bars on one shared range', () => {
  it('sigmoid: every layer on 0 … 1, so std 0.01 is a narrow spike at 0.5 while Xavier spreads wide', async () => {
    const narrow = await histogramText('--preset', 'probe-sigmoid-std001', ...small);
    expect(narrow.header).toContain('every layer on one range 0 … 1 (sigmoid\'s output range)');
    expect(narrow.ruler.trim()).toMatch(/^0 +1$/);
    narrow.filled.forEach((columns, i) => {
      // Within the middle third of 0 … 1, and from layer 2 on (0.48 … 0.52) a few of 30 columns.
      expect(Math.min(...columns)).toBeGreaterThanOrEqual(10);
      expect(Math.max(...columns)).toBeLessThanOrEqual(19);
      if (i > 0) expect(columns.length).toBeLessThanOrEqual(4);
    });
    const wide = await histogramText('--preset', 'probe-sigmoid-xavier', ...small);
    for (const columns of wide.filled) expect(columns.length).toBeGreaterThanOrEqual(12);
  });

  it('tanh: every layer on −1 … 1', async () => {
    const { header, ruler } = await histogramText('--activation', 'tanh', '--init', 'xavier', ...small);
    expect(header).toContain('every layer on one range -1 … 1 (tanh\'s output range)');
    expect(ruler.trim()).toMatch(/^-1 +1$/);
  });

  it('ReLU: one range over all layers, the share at exactly 0 apart, a collapse as one column at 0', async () => {
    const std001 = await histogramText('--preset', 'probe-relu-std001', ...small);
    const probe = runProbe({ activation: 'relu', init: { name: 'normal', std: 0.01 }, samples: 200 });
    const largest = Math.max(...probe.layers.map((layer) => layer.histogram.edges.at(-1)!));
    const [, low, high] = /one range (\S+) … (\S+):/.exec(std001.header)!;
    expect(Number(low)).toBe(0);
    expect(Number(high)).toBeGreaterThanOrEqual(largest);
    expect(Number(high)).toBeLessThan(largest * 1.5);
    expect(std001.header).toContain('values exactly 0 apart');
    std001.layers.forEach((line, i) => {
      const zeros = probe.layers[i]!.histogram.zeroCount! / 200 / 100;
      expect(line).toContain(`at 0 ${(zeros * 100).toFixed(1)} %`);
    });
    // Layer 1 spreads over several columns; from layer 3 on, the values (all < 0.001) sit in the first column.
    expect(std001.filled[0]!.length).toBeGreaterThan(5);
    for (const columns of std001.filled.slice(2)) expect(columns).toEqual([0]);
    expect(std001.layers[4]).toMatch(/std \S+ \([\d.e-]+× layer 1\)$/);

    // He keeps every layer spread over the same range.
    const he = await histogramText('--preset', 'probe-relu-he', ...small);
    for (const columns of he.filled) expect(columns.length).toBeGreaterThan(8);
  });

  it('--per-layer-range draws each layer on its own range: then ReLU std 0.01 and He look alike', async () => {
    const std001 = await histogramText('--preset', 'probe-relu-std001', '--per-layer-range', ...small);
    expect(std001.header).toContain('each layer on its own range');
    for (const [i, line] of std001.layers.entries()) {
      expect(line).toMatch(/\| {2}0 … \S+$/);
      expect(std001.filled[i]!.length).toBeGreaterThan(8);
    }
  });
});

describe('nnlab probe: options and errors', () => {
  it('says when the gradient vanishes toward the first layer', async () => {
    const { text } = await run('probe', '--activation', 'sigmoid', '--std', '0.01', ...small);
    expect(text).toMatch(/vanishing gradient/);
    const { text: he } = await run('probe', '--activation', 'relu', '--init', 'he', ...small);
    expect(he).toMatch(/same order of magnitude in every layer/);
    expect(he).not.toMatch(/against the same probe/);
  });

  it('says when every layer’s gradient is far below the rule-of-thumb init’s: ReLU with std 0.01 at 1/40,000 of He’s', async () => {
    const { text } = await run('probe', '--preset', 'probe-relu-std001');
    expect(text).toMatch(/same order of magnitude in every layer/);
    expect(text).toMatch(/^against the same probe with He init: every layer's gradient is 1\/40000 of He's → too small to learn from$/m);
  });

  it.each([
    [['--activation', 'swish'], '--activation'],
    [['--activation', 'softmax'], '--activation'],
    [['--init', 'he'], '--activation'],
    [['--activation', 'relu', '--units', '0'], '--units'],
    [['--activation', 'relu', '--units', 'many'], '--units'],
    [['--activation', 'relu', '--layers', '51'], '--layers'],
    [['--activation', 'relu', '--layers', '2.5'], '--layers'],
    [['--activation', 'relu', '--samples', '20001'], '--samples'],
    [['--activation', 'relu', '--bins', '1'], '--bins'],
    [['--activation', 'relu', '--std', '-1'], '--std'],
    [['--activation', 'relu', '--std', '0'], '--std'],
    [['--activation', 'relu', '--init', 'normal'], '--init normal needs --std'],
    [['--activation', 'relu', '--init', 'uniform'], '--init uniform needs --limit'],
    [['--activation', 'relu', '--init', 'he', '--std', '0.1'], '--std'],
    [['--activation', 'relu', '--init', 'lecun'], '--init'],
    [['--activation', 'relu', '--seed', '-1'], '--seed'],
    [['--activation', 'relu', '--bogus'], '--bogus'],
    [['--preset', 'no-such-preset'], '--preset'],
  ])('bad input %j: one line naming %s, exit code 2', async (args, option) => {
    const { code, out, err } = await run('probe', ...args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error: /);
    expect(err[0]).toContain(option);
  });

  it('--preset refuses a training preset, naming --preset', async () => {
    const train = PRESETS.find((p) => p.kind === 'train')!;
    const { code, err } = await run('probe', '--preset', train.id);
    expect(code).toBe(2);
    expect(err[0]).toContain('--preset');
  });
});

describe('nnlab walkthrough', () => {
  it('walks the slide network forward node by node, then factor by factor, then the updates', async () => {
    const { code, out, text } = await run('walkthrough');
    expect(code).toBe(0);
    const forward = out.findIndex((l) => l.startsWith('Step 1. Forward'));
    const loss = out.findIndex((l) => l.startsWith('Step 2. Loss'));
    const backward = out.findIndex((l) => l.startsWith('Step 3. Backward'));
    const update = out.findIndex((l) => l.startsWith('Step 4. Update'));
    expect(0 < forward && forward < loss && loss < backward && backward < update).toBe(true);
    for (const line of [
      'h1: z = w1·x1 + w2·x2 + b1 = 2·1 + 1·(-1) + 0 = 1',
      'h1 = sigmoid(1) = 0.7311',
      'h2 = sigmoid(0) = 0.5',
      'y: z = w5·h1 + w6·h2 + b3 = 1·0.7311 + (-1)·0.5 + 0 = 0.2311',
      'y = sigmoid(0.2311) = 0.5575',
      'L = ½ (y − t)² = ½ (0.5575 − 1)² = 0.0979',
      '∂L/∂y = y − t = 0.5575 − 1 = -0.4425',
      "∂y/∂z = σ'(0.2311) = y·(1 − y) = 0.5575 × (1 − 0.5575) = 0.2467",
      'δ_y = ∂L/∂z = ∂L/∂y × ∂y/∂z = (-0.4425) × 0.2467 = -0.1092',
      '∂L/∂w6 = δ_y × h2 = (-0.1092) × 0.5 = -0.05458',
      '∂L/∂h1 = δ_y × w5 = (-0.1092) × 1 = -0.1092',
      '∂L/∂w2 = δ_h1 × x2 = (-0.02146) × (-1) = 0.02146',
      'w6 = -1 − 0.5 × (-0.05458) = -0.9727',
      'w1 = 2 − 0.5 × (-0.02146) = 2.011',
    ]) {
      expect(text).toContain(line);
    }
    expect(out.findIndex((l) => l.includes('∂L/∂w6 ='))).toBeGreaterThan(backward);
    expect(out.findIndex((l) => l.includes('w6 = -1 −'))).toBeGreaterThan(update);
    expect(text).toMatch(/After the update: y = 0\.5854, L = 0\.08595 \(was 0\.0979\): the error went down/);
  });

  it('--json prints the engine’s structured walkthrough', async () => {
    expect(await json('walkthrough')).toEqual(runWalkthrough(LECTURE_NETWORK));
  });

  it('edits inputs, target, learning rate and slide weights by label', async () => {
    const result = await json<WalkthroughResult>('walkthrough', '--x', '-1,2', '--target', '0', '--lr', '0.1', '--w', 'w6=2,w1=0.5', '--w', 'b3=0.25');
    expect(result.inputs.map((x) => x.value)).toEqual([-1, 2]);
    expect(result.target).toEqual([0]);
    expect(result.learningRate).toBe(0.1);
    const weights = Object.fromEntries(result.updates.map((u) => [u.label, u.old]));
    expect(weights).toMatchObject({ w1: 0.5, w2: 1, w6: 2, b3: 0.25 });
    const h1 = result.forward[0]!.units[0]!;
    expect(h1.z).toBe(0.5 * -1 + 1 * 2);
    const { text } = await run('walkthrough', '--w', 'w6=2');
    expect(text).toContain('edited: w6 = 2');
    expect(text).toContain('y: z = w5·h1 + w6·h2 + b3 = 1·0.7311 + 2·0.5 + 0 = 1.731');
  });

  it("--network saturated shows the lecture's σ'(51) ≈ 7e-23 and a weight that cannot move", async () => {
    const { code, text } = await run('walkthrough', '--network', 'saturated');
    expect(code).toBe(0);
    expect(text).toContain('y: z = w·x + b = 100·0.5 + 1 = 51');
    expect(text).toContain("∂y/∂z = σ'(51) = e^-|z| / (1 + e^-|z|)² = 7.095e-23");
    expect(text).toContain('w does not move');
  });

  it.each([
    [['--x', '1,2,3'], '--x'],
    [['--x', '1,oops'], '--x'],
    [['--target', '1,0'], '--target'],
    [['--lr', '-1'], '--lr'],
    [['--lr', 'fast'], '--lr'],
    [['--w', 'w7=1'], '--w'],
    [['--w', 'w6'], '--w'],
    [['--w', 'w6=big'], '--w'],
    [['--network', 'resnet'], '--network'],
  ])('bad input %j: one line naming %s, exit code 2', async (args, option) => {
    const { code, out, err } = await run('walkthrough', ...args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^error: ${option}`));
  });

  it('runs as a real process from the repository root and prints the slide numbers', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'walkthrough'], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    for (const value of ['0.7311', '0.5', '0.2311', '0.5575']) expect(child.stdout).toContain(value);
  });
});
