import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecCheck } from '../../../engine/api/lab-api';
import { createLabApiHandler } from '../../../engine/service/lab-api-handler';
import { LabService } from '../../../engine/service/lab-service';
import { circleSpec } from '../train/run-helpers';

/** A run with input features through the real service: workers, SQLite, re-run, export and import (issue 16). */
let dir: string;
let service: LabService;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-features-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 } });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const FEATURES = ['x1', 'x2', 'x1_squared', 'x2_squared', 'x1_x2', 'sin_x1', 'sin_x2'];
const featureSpec = () => {
  const spec = circleSpec();
  return { ...spec, dataset: { ...spec.dataset, features: FEATURES } };
};

describe('a run with input features', () => {
  it('is checked with the network\'s input width and an estimate', async () => {
    const handle = createLabApiHandler(service, { appVersion: 't', transport: 'browser' }, { machineSpeed: () => ({ multiplyAddsPerSecond: 1e9 }) });
    const reply = await handle('checkSpec', [featureSpec()]);
    if (!reply.ok) throw new Error(reply.error.message);
    const check = reply.value as SpecCheck;
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    expect(check.dataset.inputSize).toBe(7);
    expect(check.estimate.steps).toBe(45);
    const plain = (await handle('checkSpec', [circleSpec()])) as { value: SpecCheck };
    expect(plain.value.ok && plain.value.dataset.inputSize).toBe(2);
  });

  it('trains in a worker, re-runs identically, keeps weights of 7 rows, and survives export and import', async () => {
    const run = service.startRun(featureSpec());
    await service.whenEnded(run.id);
    const detail = service.getRun(run.id);
    expect(detail.status).toBe('completed');
    expect(detail.spec.dataset).toMatchObject({ features: FEATURES });
    expect(detail.dataset?.inputSize).toBe(7);
    const { verdict } = await service.rerun(run.id);
    expect(verdict.identical).toBe(true);
    const other = LabService.open({ dbPath: join(dir, 'other.db'), pool: { size: 1 } });
    try {
      expect((await other.importRuns(service.exportRuns([run.id]))).imported).toEqual([run.id]);
      expect(other.getRun(run.id)).toEqual(service.getRun(run.id));
    } finally {
      await other.close();
    }
  });
});
