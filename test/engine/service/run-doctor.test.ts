import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndEvent, TrainingEvent } from '../../../engine/api/events';
import type { LabPush } from '../../../engine/api/lab-api';
import { LabService } from '../../../engine/service/lab-service';
import { RunDoctor } from '../../../engine/service/run-doctor';
import { circleSpec, SICK_SPECS } from '../lab/doctor/doctor-specs';
import { train } from '../train/run-helpers';

/**
 * The training doctor in the service: the end event leaves LabService with `findings`, the same
 * for the run's observer (the CLI), its subscribers (the app, the browser host) and a replay of
 * the stored run.
 */
let dir: string;
let service: LabService;
const messages: LabPush[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-doctor-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 }, forwardIntervalMs: 50 });
  service.subscribe((message) => messages.push(message));
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const endOf = (events: readonly TrainingEvent[]): EndEvent => {
  const end = events.at(-1);
  if (end?.type !== 'end') throw new Error('no end event');
  return end;
};

async function run(spec: unknown) {
  const observed: TrainingEvent[] = [];
  const { id } = service.startRun(spec, { observer: { onEvents: (events) => observed.push(...events) } });
  await service.whenEnded(id);
  const pushed = messages.flatMap((m) => (m.type === 'run-events' && m.runId === id ? m.events : []));
  return { observed: endOf(observed), pushed: endOf(pushed), replayed: endOf(service.recordedEvents(id)) };
}

describe('LabService and the training doctor', () => {
  it('a deep sigmoid run ends with its vanishing gradient, for the observer, the subscribers and the replay alike', async () => {
    const { observed, pushed, replayed } = await run(SICK_SPECS.sigmoidDeepCircle);
    expect(observed.findings?.map((f) => [f.code, f.layer, f.remedy.id])).toEqual([['vanishing-gradient', 0, 'relu-he']]);
    expect(pushed.findings).toEqual(observed.findings);
    expect(replayed.findings).toEqual(observed.findings);
  });

  it('a healthy run ends with findings: []', async () => {
    const { observed, pushed, replayed } = await run(circleSpec());
    expect(observed.findings).toEqual([]);
    expect(pushed.findings).toEqual([]);
    expect(replayed.findings).toEqual([]);
  });

  it('attaches findings only to the end, whatever the batches', () => {
    const { events } = train(SICK_SPECS.lr1e6Circle);
    const doctor = new RunDoctor();
    const out: TrainingEvent[] = [];
    for (let i = 0; i < events.length; i += 7) out.push(...doctor.examine(events.slice(i, i + 7)));
    expect(out.slice(0, -1)).toEqual(events.slice(0, -1));
    expect(endOf(out)).toEqual({ ...endOf(events), findings: [expect.objectContaining({ code: 'lr-too-low' })] });
  });
});
