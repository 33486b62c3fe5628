import { matmul, matmulTransposeA, matmulTransposeB } from '../engine/nn/matmul';
import { randomStream } from '../engine/nn/random';
import type { EngineImpl } from './kernel-backend';
import { formatRate, formatRatio, formatSpread, gflopsSummary, rateMeasurement, type RateRow, type SectionResult } from './report';
import { gemmFlops, ratio, summarize } from './stats';
import { TFJS_LABELS, tfjsMatMul, useTfjsBackend, type TfjsBackend } from './tfjs-runner';
import { progress, timeRoundRobin, type Contender, type TimedLoop, type TimingPlan } from './timing';
import type { GemmLayer } from './workloads';

/** The three products of a dense layer (n_in → n_out) on a batch of m rows. */
export type GemmKind = 'X·W' | 'Xᵀ·dZ' | 'dZ·Wᵀ';

export interface GemmShape {
  kind: GemmKind;
  /** Batch rows. */
  m: number;
  nIn: number;
  nOut: number;
}

const KINDS: readonly GemmKind[] = ['X·W', 'Xᵀ·dZ', 'dZ·Wᵀ'];

/** The product as the table names it, with its operand shapes. */
export function gemmName(s: GemmShape): string {
  const { m, nIn, nOut } = s;
  if (s.kind === 'X·W') return `X·W ${m}×${nIn}·${nIn}×${nOut}`;
  if (s.kind === 'Xᵀ·dZ') return `Xᵀ·dZ ${nIn}×${m}·${m}×${nOut}`;
  return `dZ·Wᵀ ${m}×${nOut}·${nOut}×${nIn}`;
}

/** Dense operands (uniform in [−1, 1), so no zero blocks the engine could skip): X m×n_in, W n_in×n_out, dZ m×n_out. */
function operands(s: GemmShape) {
  const random = randomStream(5, `gemm:${s.m}x${s.nIn}x${s.nOut}`);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random.uniform() * 2 - 1);
  return { x: fill(s.m * s.nIn), w: fill(s.nIn * s.nOut), dz: fill(s.m * s.nOut) };
}

/** Products per timed call, so one call lasts long enough (~0.1 ms at 20 GFLOP/s) for the clock not to matter. */
export function repsFor(s: GemmShape): number {
  return Math.min(10_000, Math.max(1, Math.ceil(2e6 / gemmFlops(s.m, s.nIn, s.nOut))));
}

/** The engine's kernel for a shape (whatever backend is current), `reps` products per call. */
function engineGemm(s: GemmShape, reps: number): TimedLoop {
  const { x, w, dz } = operands(s);
  const { m, nIn, nOut } = s;
  let iterate: () => void;
  if (s.kind === 'X·W') {
    const out = new Float32Array(m * nOut);
    iterate = () => {
      for (let r = 0; r < reps; r++) matmul(x, w, null, out, m, nIn, nOut);
    };
  } else if (s.kind === 'Xᵀ·dZ') {
    const out = new Float32Array(nIn * nOut);
    iterate = () => {
      for (let r = 0; r < reps; r++) matmulTransposeA(x, dz, out, m, nIn, nOut);
    };
  } else {
    const out = new Float32Array(m * nIn);
    iterate = () => {
      for (let r = 0; r < reps; r++) matmulTransposeB(dz, w, out, m, nOut, nIn);
    };
  }
  return { iterate, dispose: () => {} };
}

/** TF.js's matMul for a shape on the current backend, with the transpose flags a dense layer's backward uses. */
function tfjsGemm(s: GemmShape, reps: number): TimedLoop {
  const { x, w, dz } = operands(s);
  const { m, nIn, nOut } = s;
  const X = { values: x, rows: m, cols: nIn };
  const W = { values: w, rows: nIn, cols: nOut };
  const dZ = { values: dz, rows: m, cols: nOut };
  if (s.kind === 'X·W') return tfjsMatMul(X, W, false, false, reps);
  if (s.kind === 'Xᵀ·dZ') return tfjsMatMul(X, dZ, true, false, reps);
  return tfjsMatMul(dZ, W, false, true, reps);
}

/**
 * GEMM microbenchmark: for each layer shape and each of its three products, the engine's kernels
 * (each backend it offers) and TF.js's matMul (WASM and CPU backends), in GFLOP/s. One "iteration"
 * is one product; ratios are against TF.js WASM on the same shape.
 */
export async function gemmSection(engines: readonly EngineImpl[], layers: readonly GemmLayer[], plan: TimingPlan, restoreEngine: () => Promise<void>): Promise<SectionResult> {
  const rows: RateRow[] = [];
  const shapes = layers.flatMap((layer) => KINDS.map((kind): GemmShape => ({ kind, m: layer.m, nIn: layer.nIn, nOut: layer.nOut })));
  for (const s of shapes) {
    const reps = repsFor(s);
    const contenders: Contender[] = [
      ...engines.map((engine) => ({ label: engine.label, activate: () => engine.activate(), create: () => engineGemm(s, reps) })),
      ...(['wasm', 'cpu'] as TfjsBackend[]).map((backend) => ({ label: TFJS_LABELS[backend], activate: () => useTfjsBackend(backend), create: () => tfjsGemm(s, reps) })),
    ];
    progress(`  gemm ${gemmName(s)}`);
    const rates = await timeRoundRobin(contenders, plan);
    contenders.forEach((c, i) => {
      rows.push({
        workload: `gemm ${gemmName(s)}`,
        impl: c.label,
        rate: summarize(rates[i]!.map((callsPerSecond) => callsPerSecond * reps)),
        samplesPerIteration: null,
        flopsPerIteration: gemmFlops(s.m, s.nIn, s.nOut),
      });
    });
  }
  await restoreEngine();
  const tableRows = rows.map((row) => {
    const gflops = gflopsSummary(row)!;
    const reference = rows.find((r) => r.workload === row.workload && r.impl === TFJS_LABELS.wasm);
    return [row.workload.replace(/^gemm /, ''), row.impl, gflops.median.toFixed(2), formatSpread(gflops, (x) => x.toFixed(2)), formatRate(row.rate.median), String(row.rate.runs), formatRatio(ratio(row.rate.median, reference?.rate.median))];
  });
  return {
    title: 'GEMM microbenchmark (one product per iteration, float32)',
    notes: [
      `Method: per implementation one ${plan.warmupMs} ms warm-up, then ${plan.runs} timed runs of ≥ ${plan.runMs} ms, round-robin; GFLOP/s = 2·m·k·n × products/s, median and min–max.`,
      'Operands are dense random values in [−1, 1): the engine\'s skipping of all-zero blocks (ReLU outputs, MNIST borders) never fires here, so these are its worst-case kernel speeds.',
      'TF.js: tf.matMul(a, b, transposeA, transposeB) on tensors created once; the CPU and WASM backends compute inside the call (synchronous).',
      'Small shapes repeat the product inside one timed call (up to 10,000 times) so the clock\'s cost does not count.',
    ],
    tables: [{ headers: ['product', 'impl', 'GFLOP/s', 'min–max', 'products/s', 'runs', '× TF.js WASM'], align: 'llrrrrr', rows: tableRows }],
    measurements: rows.map(rateMeasurement),
    targets: [],
  };
}
