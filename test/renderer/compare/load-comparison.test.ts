import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabApi } from '../../../engine/api/lab-api';
import { createLabApiHandler } from '../../../engine/service/lab-api-handler';
import { LabService } from '../../../engine/service/lab-service';
import { labApiOver, unwrapReply, type Invoke } from '../../../renderer/src/lib/api/lab-client';
import Database from 'better-sqlite3';
import { RunSeries } from '../../../renderer/src/lib/charts/run-series';
import { RUN_COLORS } from '../../../renderer/src/lib/compare/run-colors';
import { describeProblem, groupColors, loadComparison, uniqueNames, type CompareApi, type Comparison, type LoadProgress } from '../../../renderer/src/lib/compare/load-comparison';
import { MAX_COMPARED_GROUPS, MAX_COMPARED_RUN_COUNT } from '../../../renderer/src/lib/compare/run-groups';
import { shownGroups } from '../../../renderer/src/lib/compare/shown-groups';
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
/** Three runs of the tanh spec over seeds 11–13, made a seed group in the history file (runs.group_id). */
let seededIds: string[];
/** Two runs of the sigmoid spec over seeds 21–22, no group: they share a spec apart from the seed. */
let sameSpecIds: string[];

/** Every run a comparison shows, group after group. */
const runIdsOf = (comparison: Comparison) => comparison.groups.flatMap((group) => group.runs.map((run) => run.id));

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
  seededIds = [];
  for (const seed of [11, 12, 13]) {
    const id = service.startRun(circleSpec({ name: 'tanh seeds', seed })).id;
    await service.whenEnded(id);
    seededIds.push(id);
  }
  sameSpecIds = [];
  for (const seed of [21, 22]) {
    const id = service.startRun(circleSpec({ name: `student ${seed}`, seed, layers: sigmoid })).id;
    await service.whenEnded(id);
    sameSpecIds.push(id);
  }
  // startRunGroup lands with the seeds work; a seed group is runs sharing runs.group_id (migration 7).
  const db = new Database(join(dir, 'lab.db'));
  try {
    const mark = db.prepare('UPDATE runs SET group_id = ? WHERE id = ?');
    for (const id of seededIds) mark.run('7f1c0a52-0000-4000-8000-000000000001', id);
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loading runs to compare', () => {
  it('reads each stored run into a RunSeries, colours them in order, and gets the config diff', async () => {
    const comparison = await loadComparison(api, [tanhId, sigmoidId]);
    expect(comparison.problems).toEqual([]);
    expect(shownGroups(comparison.groups, ko).map((run) => [run.name, run.color])).toEqual([
      ['circle, tanh', RUN_COLORS[0]],
      ['circle, sigmoid', RUN_COLORS[1]],
    ]);
    const [tanh] = comparison.groups.map((group) => group.runs[0]);
    const events = await api.recordedEvents(tanhId);
    expect(tanh!.detail.status).toBe('completed');
    expect(tanh!.series.steps.step).toEqual(events.filter((e) => e.type === 'step').map((e) => e.step));
    expect(tanh!.series.evals.step).toHaveLength(4);
    expect(tanh!.diagnostics.map((d) => d.step)).toEqual(tanh!.detail.diagnosticsSteps);
    expect(comparison.differences?.map((d) => d.field)).toEqual(['name', 'layers[0].activation']);
  });

  it('accepts id prefixes, and shows a run named twice once', async () => {
    const comparison = await loadComparison(api, [tanhId.slice(0, 8), tanhId, sigmoidId]);
    expect(runIdsOf(comparison)).toEqual([tanhId, sigmoidId]);
    expect(comparison.problems).toEqual([]);
  });

  it('says which id is unknown and compares the rest', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const comparison = await loadComparison(api, [unknown, tanhId, 'not-a-run', sigmoidId]);
    expect(runIdsOf(comparison)).toEqual([tanhId, sigmoidId]);
    // Colours by position in the list asked for: a run keeps its colour when another goes missing.
    expect(comparison.groups.map((group) => group.color)).toEqual([RUN_COLORS[1], RUN_COLORS[3]]);
    expect(comparison.problems).toEqual([
      { kind: 'not-found', runId: unknown },
      { kind: 'not-found', runId: 'not-a-run' },
    ]);
    // The particle follows the id's last sound: "not-a-run" ends in n (런), so 을; no "을(를)".
    expect(describeProblem(comparison.problems[1]!, ko)).toBe('실행 not-a-run을 찾을 수 없습니다. 지워졌거나 다른 기록 파일에 있는 실행입니다.');
    expect(describeProblem(comparison.problems[0]!, ko)).toMatch(new RegExp(`^실행 ${unknown}[을를] 찾을 수 없습니다`));
  });

  it('leaves out a run that has recorded nothing yet, saying why', async () => {
    // One worker: while a paused run holds it, the next run waits in the queue without any event.
    const holder = service.startRun(circleSpec({ name: 'holder', training: { batchSize: 10, epochs: 50 } }), { paused: true });
    const queued = service.startRun(circleSpec({ name: 'waiting' }));
    try {
      const comparison = await loadComparison(api, [tanhId, queued.id]);
      expect(runIdsOf(comparison)).toEqual([tanhId]);
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

  it('groups a seed group by its groupId and runs of one spec by their spec, singles stay single', async () => {
    const progress: LoadProgress[] = [];
    const asked = [seededIds[0]!, sameSpecIds[0]!, tanhId, seededIds[1]!, sameSpecIds[1]!, seededIds[2]!];
    const comparison = await loadComparison(api, asked, (step) => progress.push(step));
    expect(comparison.problems).toEqual([]);
    // The seed group first (its first run was asked first), then the sigmoid spec's runs, then tanh alone:
    // tanh's spec equals the seed group's apart from its seed, but a seed group is its groupId's runs only.
    expect(comparison.groups.map((group) => [group.seeded, group.runs.map((run) => run.id)])).toEqual([
      [true, seededIds],
      [false, sameSpecIds],
      [false, [tanhId]],
    ]);
    expect(comparison.groups.map((group) => group.color)).toEqual(RUN_COLORS.slice(0, 3));
    const shown = shownGroups(comparison.groups, ko);
    expect(shown.map((group) => group.name)).toEqual(['tanh seeds · 시드 3개', 'student 21 · 실행 2개', 'circle, tanh']);
    expect(shownGroups(comparison.groups, en).map((group) => group.name)).toEqual(['tanh seeds · 3 seeds', 'student 21 · 2 runs', 'circle, tanh']);
    // A group's members are every run's series; its histograms are its first run's only.
    expect(shown[0]!.members).toHaveLength(3);
    expect(shown[2]!.members).toBeUndefined();
    expect(shown[0]!.diagnostics.length).toBeGreaterThan(0);
    expect(comparison.groups[0]!.runs[1]!.diagnostics).toEqual([]);
    // A later run's curves come from its record, the same as from its events; no histograms, no event read.
    const later = comparison.groups[0]!.runs[1]!;
    const full = new RunSeries();
    full.apply(await api.recordedEvents(later.id));
    expect(later.series.steps).toEqual(full.steps);
    expect(later.series.evals).toEqual(full.evals);
    expect(later.series.curves()).toEqual(full.curves());
    expect(later.series.histogramSnapshots).toEqual([]);
    // The config diff is between the groups' first runs: one value per group.
    expect(comparison.differences?.find((d) => d.field === 'layers[0].activation')?.values).toEqual(['tanh', 'sigmoid', 'tanh']);
    // Progress: every record, then each group's first run's events, counted up to the total.
    expect(progress.filter((p) => p.phase === 'records').map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toEqual({ phase: 'events', done: 3, total: 3 });
  });

  it('shows the first MAX_COMPARED_GROUPS groups, not fetching the others, and says so', async () => {
    const fetched: string[] = [];
    const counting: CompareApi = { ...api, getRun: (id) => api.getRun(id), recordedEvents: (id) => (fetched.push(id), api.recordedEvents(id)), compareRuns: (ids) => api.compareRuns(ids) };
    // 3 groups that load, then 4 more singles asked after them (7 groups): the 7th is left out.
    const extra = [];
    for (const seed of [31, 32, 33, 34]) {
      const id = service.startRun(circleSpec({ name: `lr ${seed}`, seed, optimizer: { name: 'sgd', lr: seed / 100 } })).id;
      await service.whenEnded(id);
      extra.push(id);
    }
    const comparison = await loadComparison(counting, [...seededIds, ...sameSpecIds, tanhId, ...extra]);
    expect(comparison.groups).toHaveLength(MAX_COMPARED_GROUPS);
    expect(comparison.problems).toEqual([{ kind: 'too-many-groups', groups: 7, max: MAX_COMPARED_GROUPS }]);
    expect(describeProblem(comparison.problems[0]!, ko)).toBe('한 번에 묶음 6개까지 비교합니다. 묶음 7개 중 처음 6개만 보여 줍니다.');
    expect(fetched).not.toContain(extra[3]);
    // More ids than the run cap: the first MAX_COMPARED_RUN_COUNT are looked up, the rest said to be left out.
    const unknown = Array.from({ length: MAX_COMPARED_RUN_COUNT }, (_, i) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`);
    const many = await loadComparison(api, [tanhId, ...unknown]);
    expect(many.problems[0]).toEqual({ kind: 'too-many', asked: MAX_COMPARED_RUN_COUNT + 1, max: MAX_COMPARED_RUN_COUNT });
    expect(many.problems.filter((p) => p.kind === 'not-found')).toHaveLength(MAX_COMPARED_RUN_COUNT - 1);
  });

  it('colours groups by slot (missing ids keep theirs) unless the slots outnumber the palette', () => {
    expect(groupColors(['missing:a', 'g1', 'g1', 'g2'], ['g1', 'g2'])).toEqual([RUN_COLORS[1], RUN_COLORS[2]]);
    const slots = ['missing:a', 'missing:b', 'missing:c', 'g1', 'g2', 'g3', 'g4'];
    expect(groupColors(slots, ['g1', 'g2', 'g3', 'g4'])).toEqual(RUN_COLORS.slice(0, 4));
  });

  it('still draws the runs when the config diff or a run fails to load, with the error', async () => {
    const failing: CompareApi = {
      getRun: (id) => (id === 'broken1' ? Promise.reject(new Error('disk on fire')) : api.getRun(id)),
      recordedEvents: (id) => api.recordedEvents(id),
      compareRuns: () => Promise.reject(new Error('connection lost')),
    };
    const comparison = await loadComparison(failing, [tanhId, 'broken1', sigmoidId]);
    expect(runIdsOf(comparison)).toHaveLength(2);
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
