import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { LabEventSchema, type TrainingEvent } from '../../engine/api/events';
import type { RunSpecInput } from '../../engine/api/run-spec';
import type { CliIO } from '../../cli/cli-io';
import { main } from '../../cli/nnlab';

/** What the `nnlab train` tests share: running the command in process, spec files, a small spec. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh temporary folder for this test file (made before its tests, removed after). */
export function useTempFolder(): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnlab-train-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** A CliIO that keeps every line; `onOut` sees each stdout line as it is written. */
export function capture(onOut?: (line: string) => void) {
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

export async function nnlab(args: string[], onOut?: (line: string) => void) {
  const captured = capture(onOut);
  const code = await main(args, captured.io);
  return { code, out: captured.out, err: captured.err, stderr: captured.err.join('\n') };
}

let fileCount = 0;
/** Writes a spec (object, or raw text) to a fresh file in the temp folder and returns its path. */
export function specFile(dir: string, spec: unknown): string {
  const path = join(dir, `spec-${++fileCount}.json`);
  writeFileSync(path, typeof spec === 'string' ? spec : JSON.stringify(spec));
  return path;
}

/** Circle data, 2-4-1 tanh/sigmoid, 3 epochs of 3 steps: a whole run takes milliseconds. */
export function circleSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
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

export function events(lines: string[]): TrainingEvent[] {
  return lines.map((line) => LabEventSchema.parse(JSON.parse(line)));
}

/**
 * Events as the run history keeps them: everything the service printed but the end's `findings`,
 * which the training doctor derives from the events (LabService.recordedEvents adds them back).
 */
export function withoutFindings(all: TrainingEvent[]): TrainingEvent[] {
  return all.map((e) => (e.type === 'end' ? (({ findings: _findings, ...end }) => end)(e) : e));
}
