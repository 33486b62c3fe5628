import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../../engine/api/spec-error';
import { LabService } from '../../../engine/service/lab-service';
import { circleSpec } from '../train/run-helpers';

/** Seed groups through the facade the app, the browser host and the CLI share: real workers, a real SQLite file. */
let dir: string;
let service: LabService;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-seeds-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 2 } });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const quick = (overrides = {}) => circleSpec({ name: 'circle tanh', seed: 7, training: { batchSize: 10, epochs: 2 }, ...overrides });
const payloadRuns = (file: Uint8Array) => (JSON.parse(gunzipSync(file).toString('utf8')) as { payload: { runs: Record<string, unknown>[] } }).payload.runs;

describe('startRunGroup', () => {
  it('starts N runs of one spec with seeds s … s+N−1, identical otherwise, under one new group id', async () => {
    const runs = service.startRunGroup(quick(), { seeds: 3 });
    expect(runs.map((r) => r.seed)).toEqual([7, 8, 9]);
    expect(runs.map((r) => r.name)).toEqual(['circle tanh (seed 7)', 'circle tanh (seed 8)', 'circle tanh (seed 9)']);
    const groupId = runs[0]!.groupId!;
    expect(groupId).toMatch(/^[0-9a-f-]{36}$/);
    expect(runs.every((r) => r.groupId === groupId)).toBe(true);
    expect(runs.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    const ended = await Promise.all(runs.map((r) => service.whenEnded(r.id)));
    expect(ended.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    const specs = runs.map((r) => service.getRun(r.id).spec);
    expect(specs.map((s) => s.seed)).toEqual([7, 8, 9]);
    for (const spec of specs) expect({ ...spec, seed: 0 }).toEqual({ ...specs[0]!, seed: 0 });
    expect(specs[0]!.name).toBe('circle tanh');
    // Different seeds train differently: the group is three runs, not one thrice.
    expect(new Set(ended.map((r) => r.final?.train.loss)).size).toBe(3);
    expect(service.listRuns({ groupId }).map((r) => r.id).sort()).toEqual(runs.map((r) => r.id).sort());
    // A second group gets its own id.
    const other = service.startRunGroup(quick({ name: undefined }), { seeds: 2 });
    expect(other[0]!.groupId).not.toBe(groupId);
    expect(other.map((r) => r.name)).toEqual(['circle, tanh (seed 7)', 'circle, tanh (seed 8)']);
    await Promise.all(other.map((r) => service.whenEnded(r.id)));
  });

  it('names the runs it makes in the UI\'s language when asked (names: "ko"), and keeps a name the spec gives', async () => {
    const unnamed = service.startRunGroup(quick({ name: undefined }), { seeds: 2, names: 'ko' });
    expect(unnamed.map((r) => r.name)).toEqual(['원, tanh (시드 7)', '원, tanh (시드 8)']);
    const named = service.startRunGroup(quick({ name: '내 실험' }), { seeds: 2, names: 'ko' });
    expect(named.map((r) => r.name)).toEqual(['내 실험 (시드 7)', '내 실험 (시드 8)']);
    const relu = service.startRun(quick({ name: undefined, layers: [{ units: 8, activation: 'relu' }, { units: 2, activation: 'softmax' }] }), { names: 'ko' });
    expect(relu.name).toBe('원, ReLU');
    const english = service.startRun(quick({ name: undefined }), {});
    expect(english.name).toBe('circle, tanh');
    await Promise.all([...unnamed, ...named, relu, english].map((r) => service.whenEnded(r.id)));
  });

  it('stores no run for a bad spec, a seed past the largest, or a count outside 2…20', () => {
    const before = service.listRuns().length;
    expect(() => service.startRunGroup(quick({ layers: [] }), { seeds: 3 })).toThrow(SpecError);
    expect(() => service.startRunGroup(quick({ seed: 0xffffffff - 1 }), { seeds: 3 })).toThrow(/seed: is 4294967294: 3 seeds from it would pass the largest seed/);
    expect(() => service.startRunGroup(quick(), { seeds: 1 })).toThrow(/2 to 20 seeds, not 1/);
    expect(() => service.startRunGroup(quick(), { seeds: 21 })).toThrow(/2 to 20 seeds, not 21/);
    expect(() => service.startRunGroup(quick(), { seeds: 2, packId: 'deadbeef' })).toThrow(/pack/);
    expect(service.listRuns()).toHaveLength(before);
    expect(service.activeRuns()).toEqual([]);
  });

  it('keeps the group through export and import, and through a hand-in; runs of no group are written as before', async () => {
    const runs = service.startRunGroup(quick({ name: 'exported' }), { seeds: 2 });
    const single = service.startRun(quick({ name: 'single' }));
    await Promise.all([...runs, single].map((r) => service.whenEnded(r.id)));
    const file = service.exportRuns([...runs.map((r) => r.id), single.id]);
    const written = payloadRuns(file);
    expect(written.map((r) => r.groupId)).toEqual([runs[0]!.groupId, runs[0]!.groupId, undefined]);
    expect('groupId' in written[2]!).toBe(false);

    const { id: packId } = service.createPack({ title: 'Seeds lab', className: 'DL', teacher: 'Kim', specs: [quick()] });
    service.setStudent({ name: '김하늘', number: '2025001' });
    const packRuns = service.startRunGroup(quick({ name: 'pack group' }), { seeds: 2, packId });
    expect(packRuns.every((r) => r.packId === packId && r.author?.number === '2025001')).toBe(true);
    await Promise.all(packRuns.map((r) => service.whenEnded(r.id)));
    const handIn = service.makeHandIn(packId);

    const teacher = LabService.open({ dbPath: join(dir, 'teacher.db'), pool: { size: 1 } });
    try {
      expect((await teacher.importRuns(file)).imported).toHaveLength(3);
      expect(teacher.listRuns({ groupId: runs[0]!.groupId! }).map((r) => r.id).sort()).toEqual(runs.map((r) => r.id).sort());
      expect(teacher.getRun(single.id).groupId).toBeNull();
      expect(teacher.getRun(runs[1]!.id)).toEqual(service.getRun(runs[1]!.id));
      expect((await teacher.importRuns(handIn.data)).imported).toHaveLength(2);
      const handedIn = teacher.listRuns({ groupId: packRuns[0]!.groupId! });
      expect(handedIn).toHaveLength(2);
      expect(handedIn.every((r) => r.packId === packId && r.author?.name === '김하늘')).toBe(true);
    } finally {
      await teacher.close();
    }
  });
});
