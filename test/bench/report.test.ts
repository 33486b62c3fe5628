import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../bench/options';
import { jsonLine, rateMeasurement, renderTable, valueMeasurement } from '../../bench/report';

describe('--json lines', () => {
  it('carry exactly the issue\'s fields, in its order, with medians of it/s, samples/s and GFLOP/s', () => {
    const m = rateMeasurement({
      workload: 'W',
      impl: 'TF.js WASM+SIMD',
      rate: { median: 40, min: 38, max: 41, runs: 5 },
      samplesPerIteration: 128,
      flopsPerIteration: 84_019_200,
    });
    const line = jsonLine(m);
    expect(Object.keys(JSON.parse(line))).toEqual(['workload', 'impl', 'itPerSec', 'samplesPerSec', 'gflops', 'runs', 'median']);
    expect(JSON.parse(line)).toEqual({ workload: 'W', impl: 'TF.js WASM+SIMD', itPerSec: 40, samplesPerSec: 5120, gflops: 3.3608, runs: 5, median: true });
    expect(line).not.toContain('\n');
  });

  it('give quantities that are not rates null rates plus value and unit', () => {
    const parsed = JSON.parse(jsonLine(valueMeasurement('memory', 'RSS per added W run, 1 → 2 runs', 21.456789, 1, 'MB')));
    expect(parsed).toEqual({ workload: 'memory', impl: 'RSS per added W run, 1 → 2 runs', itPerSec: null, samplesPerSec: null, gflops: null, runs: 1, median: true, value: 21.457, unit: 'MB' });
  });
});

describe('tables', () => {
  it('align columns left or right under their headers', () => {
    const text = renderTable({ headers: ['impl', 'it/s'], align: 'lr', rows: [['engine', '48.2'], ['TF.js CPU', '7.1']] });
    expect(text.split('\n')).toEqual(['impl       it/s', '---------  ----', 'engine     48.2', 'TF.js CPU   7.1']);
  });
});

describe('command line', () => {
  it('runs every section by default and only the named ones with --only', () => {
    expect([...parseOptions([]).sections]).toEqual(['throughput', 'gemm', 'diagnostics', 'concurrency', 'transport', 'memory', 'estimate', 'history', 'ui']);
    expect([...parseOptions(['--quick', '--only', 'gemm,memory']).sections]).toEqual(['gemm', 'memory']);
    expect([...parseOptions(['--only', 'history']).sections]).toEqual(['history']);
    expect([...parseOptions(['--only', 'estimate']).sections]).toEqual(['estimate']);
    expect(parseOptions(['--json', '--only=throughput']).json).toBe(true);
  });

  it('profiles the ui section only with --profile, quick or full', () => {
    expect(parseOptions(['--only', 'ui']).ui.profile).toBe(false);
    expect(parseOptions(['--only', 'ui', '--profile']).ui).toMatchObject({ profile: true, csvRepetitions: 3 });
    expect(parseOptions(['--quick', '--profile']).ui).toMatchObject({ profile: true, csvRepetitions: 1 });
  });

  it('makes --quick runs shorter than full ones', () => {
    const quick = parseOptions(['--quick']);
    const full = parseOptions([]);
    expect(quick.throughput.runMs).toBeLessThan(full.throughput.runMs);
    expect(quick.throughput.runs).toBeGreaterThanOrEqual(3);
    expect(quick.pool.wIterations).toBeLessThan(full.pool.wIterations);
    expect(quick.estimate).toEqual({ repetitions: 1, presets: 'one per experiment' });
    expect(full.estimate).toEqual({ repetitions: 3, presets: 'all' });
  });

  it('refuses unknown arguments and section names with a usage error', () => {
    expect(() => parseOptions(['--fast'])).toThrow(UsageError);
    expect(() => parseOptions(['--only', 'speed'])).toThrow(/throughput, gemm/);
  });
});
