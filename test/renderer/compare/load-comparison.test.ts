import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabApi } from '../../../engine/api/lab-api';
import { createLabApiHandler } from '../../../engine/service/lab-api-handler';
import { LabService } from '../../../engine/service/lab-service';
import { labApiOver, unwrapReply, type Invoke } from '../../../renderer/src/lib/api/lab-client';
import { MAX_COMPARED_RUNS, RUN_COLORS } from '../../../renderer/src/lib/compare/run-colors';
import { describeProblem, loadComparison, uniqueNames, type CompareApi } from '../../../renderer/src/lib/compare/load-comparison';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { circleSpec } from '../../engine/train/run-helpers';

const ko = translator(compareMessages, 'ko');
const en = translator(compareMessages, 'en');

/** The UI's LabApi over a real LabService (worker thread, SQLite in a temp folder), as the transports build it. */
let dir: string;
let service: LabService;
let api: LabApi;
let tanhId: string;
let sigmoidId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-compare-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 }, forwardIntervalMs: 50 });
  const handle = createLabApiHandler(service, { appVersion: '0.0.0', transport: 'browser' }, { machineSpeed: () => ({ multiplyAddsPerSecond: 1e9 }) });
  const invoke: Invoke = (method, ...args) => handle(method, args).then(unwrapReply) as never;
  api = labApiOver(invoke);
  tanhId = service.startRun(circleSpec({ name: 'circle, tanh' })).id;
  await service.whenEnded(tanhId);
  const sigmoid = [{ units: 8, activation: 'sigmoid' as const }, { units: 2, activation: 'softmax' as const }];
  sigmoidId = service.startRun(circleSpec({ name: 'circle, sigmoid', layers: sigmoid })).id;
  await service.whenEnded(sigmoidId);
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loading runs to compare', () => {
  it('reads each stored run into a RunSeries, colours them in order, and gets the config diff', async () => {
    const comparison = await loadComparison(api, [tanhId, sigmoidId]);
    expect(comparison.problems).toEqual([]);
    expect(comparison.runs.map((run) => [run.name, run.color])).toEqual([
      ['circle, tanh', RUN_COLORS[0]],
      ['circle, sigmoid', RUN_COLORS[1]],
    ]);
    const [tanh] = comparison.runs;
    const events = await api.recordedEvents(tanhId);
    expect(tanh!.detail.status).toBe('completed');
    expect(tanh!.series.steps.step).toEqual(events.filter((e) => e.type === 'step').map((e) => e.step));
    expect(tanh!.series.evals.step).toHaveLength(4);
    expect(tanh!.diagnostics.map((d) => d.step)).toEqual(tanh!.detail.diagnosticsSteps);
    expect(comparison.differences?.map((d) => d.field)).toEqual(['name', 'layers[0].activation']);
  });

  it('accepts id prefixes, and shows a run named twice once', async () => {
    const comparison = await loadComparison(api, [tanhId.slice(0, 8), tanhId, sigmoidId]);
    expect(comparison.runs.map((run) => run.id)).toEqual([tanhId, sigmoidId]);
    expect(comparison.problems).toEqual([]);
  });

  it('says which id is unknown and compares the rest', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const comparison = await loadComparison(api, [unknown, tanhId, 'not-a-run', sigmoidId]);
    expect(comparison.runs.map((run) => run.id)).toEqual([tanhId, sigmoidId]);
    // Colours by position in the list asked for: a run keeps its colour when another goes missing.
    expect(comparison.runs.map((run) => run.color)).toEqual([RUN_COLORS[1], RUN_COLORS[3]]);
    expect(comparison.problems).toEqual([
      { kind: 'not-found', runId: unknown },
      { kind: 'not-found', runId: 'not-a-run' },
    ]);
    expect(describeProblem(comparison.problems[0]!, ko)).toBe(`실행 ${unknown}을(를) 찾을 수 없습니다. 지워졌거나 다른 기록 파일에 있는 실행입니다.`);
  });

  it('leaves out a run that has recorded nothing yet, saying why', async () => {
    // One worker: while a paused run holds it, the next run waits in the queue without any event.
    const holder = service.startRun(circleSpec({ name: 'holder', training: { batchSize: 10, epochs: 50 } }), { paused: true });
    const queued = service.startRun(circleSpec({ name: 'waiting' }));
    try {
      const comparison = await loadComparison(api, [tanhId, queued.id]);
      expect(comparison.runs.map((run) => run.id)).toEqual([tanhId]);
      expect(comparison.problems).toEqual([{ kind: 'no-events', runId: queued.id, name: 'waiting' }]);
      expect(describeProblem(comparison.problems[0]!, en)).toContain('“waiting” has no recorded training events');
      // A single run: nothing to diff against.
      expect(comparison.differences).toEqual([]);
    } finally {
      service.stopRun(holder.id);
      await service.whenEnded(holder.id);
      await service.whenEnded(queued.id);
    }
  });

  it('compares at most MAX_COMPARED_RUNS runs and says so', async () => {
    const ids = [tanhId, sigmoidId, ...Array.from({ length: 5 }, (_, i) => `0000000${i}-0000-4000-8000-000000000000`)];
    const comparison = await loadComparison(api, ids);
    expect(comparison.problems[0]).toEqual({ kind: 'too-many', asked: 7, max: MAX_COMPARED_RUNS });
    expect(comparison.problems.filter((p) => p.kind === 'not-found')).toHaveLength(MAX_COMPARED_RUNS - 2);
    expect(describeProblem(comparison.problems[0]!, ko)).toBe('한 번에 6개까지 비교합니다. 7개 중 처음 6개만 보여 줍니다.');
  });

  it('still draws the runs when the config diff or a run fails to load, with the error', async () => {
    const failing: CompareApi = {
      getRun: (id) => (id === 'broken1' ? Promise.reject(new Error('disk on fire')) : api.getRun(id)),
      recordedEvents: (id) => api.recordedEvents(id),
      compareRuns: () => Promise.reject(new Error('connection lost')),
    };
    const comparison = await loadComparison(failing, [tanhId, 'broken1', sigmoidId]);
    expect(comparison.runs).toHaveLength(2);
    expect(comparison.differences).toBeNull();
    expect(comparison.problems).toEqual([
      { kind: 'failed', runId: 'broken1', message: 'disk on fire' },
      { kind: 'diff-failed', message: 'connection lost' },
    ]);
    expect(describeProblem(comparison.problems[1]!, en)).toBe('Could not load the config differences: connection lost');
  });

  it('makes names unique, since legends show and hide runs by name', () => {
    expect(uniqueNames([
      { id: 'aaaaaaaa-1', name: 'circle, tanh' },
      { id: 'bbbbbbbb-2', name: 'circle, tanh' },
      { id: 'cccccccc-3', name: 'relu' },
    ])).toEqual(['circle, tanh · aaaaaaaa', 'circle, tanh · bbbbbbbb', 'relu']);
  });
});
