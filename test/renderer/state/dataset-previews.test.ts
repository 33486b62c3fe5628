import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartEvent } from '../../../engine/api/events';
import type { LabMethod } from '../../../engine/api/lab-api';
import { inlinePointsLeftOut, startWithoutInlinePoints, withSentDataset } from '../../../engine/api/pushed-start';
import { createLabApiHandler } from '../../../engine/service/lab-api-handler';
import { LabService } from '../../../engine/service/lab-service';
import { labApiOver, unwrapReply, type Invoke } from '../../../renderer/src/lib/api/lab-client';
import { datasetPreviewOnce } from '../../../renderer/src/lib/state/dataset-previews';

/** The page's LabApi over the real service side (a real LabService on a temp SQLite file), counting the calls that reach it. */
let dir: string;
let service: LabService;
const calls: string[] = [];
let api: ReturnType<typeof labApiOver>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-previews-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 } });
  const handle = createLabApiHandler(service, { appVersion: '0', transport: 'browser' });
  const invoke = (async (method: LabMethod, ...args: unknown[]) => {
    calls.push(method);
    return unwrapReply(await handle(method, args));
  }) as Invoke;
  api = labApiOver(invoke);
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

function filePoints(count: number) {
  const x = Array.from({ length: count }, (_, i) => [Math.sin(i), Math.cos(i)]);
  return { x, y: x.map(([a]) => (a! > 0 ? 1 : 0)) };
}

describe('datasetPreviewOnce', () => {
  it("asks the service once for a file's points, however many times the page shows their preview (issue 15)", async () => {
    const { x, y } = filePoints(5_000);
    calls.length = 0;
    const first = await datasetPreviewOnce(api, { name: 'inline', x, y }, 3);
    // The run's boundary asks with another dataset object holding the same points.
    const again = await datasetPreviewOnce(api, { name: 'inline', x, y }, 3);
    expect(again).toBe(first);
    expect(first).toMatchObject({ kind: 'points', trainSize: 5_000 });
    expect(calls).toEqual(['datasetPreview']);
    // Other points (a new file), or another seed, are another preview.
    await datasetPreviewOnce(api, { name: 'inline', ...filePoints(5_000) }, 3);
    await datasetPreviewOnce(api, { name: 'inline', x, y }, 4);
    expect(calls).toHaveLength(3);
  });

  it('forgets a failed ask, so the next one tries again', async () => {
    calls.length = 0;
    await expect(datasetPreviewOnce(api, { name: 'circle', samples: -5 }, 1)).rejects.toThrow(/samples/);
    await expect(datasetPreviewOnce(api, { name: 'circle', samples: -5 }, 1)).rejects.toThrow(/samples/);
    expect(calls).toEqual(['datasetPreview', 'datasetPreview']);
  });
});

describe('a pushed start event and the dataset its page sent', () => {
  const { x, y } = filePoints(10);
  const stored: StartEvent = {
    type: 'start',
    runId: 'r',
    spec: { version: 1, seed: 2, dataset: { name: 'inline', x, y } },
    engineVersion: '0',
    dataset: { name: 'inline', trainSize: 10, testSize: 0, inputSize: 2, numClasses: 2 },
    stepsPerEpoch: 1,
    totalSteps: 1,
  };

  it('leaves the points out of the pushed copy, and the page puts its own back', () => {
    const pushed = startWithoutInlinePoints(stored);
    expect(inlinePointsLeftOut(pushed.spec)).toBe(true);
    expect(JSON.stringify(pushed)).not.toContain('"x"');
    const sent = { name: 'inline', x, y };
    expect(withSentDataset(pushed, sent).spec).toEqual({ version: 1, seed: 2, dataset: sent });
    // Without a dataset of its own (a run this page did not start), the event stays as pushed.
    expect(withSentDataset(pushed, undefined)).toBe(pushed);
  });

  it('leaves other runs\' start events as they are', () => {
    const circle = { ...stored, spec: { version: 1, seed: 2, dataset: { name: 'circle' } } };
    expect(startWithoutInlinePoints(circle)).toBe(circle);
    expect(withSentDataset(circle, { name: 'inline', x, y })).toBe(circle);
  });
});
