import { beforeAll, describe, expect, it } from 'vitest';
import { checkClaim, checkComparison, claimRunFromEvents, type ClaimRun } from '../../../engine/lab/claim-checks';
import { openTemp } from '../history/history-helpers';
import { runPreset } from './preset-runs';

/**
 * The claim checks on real runs of the batch-norm presets (their own 1,000 images and 20 epochs,
 * 100 test images: the claims read training accuracy at the end) and two shortened optimizer runs
 * (which cannot be judged: their claims are read at step 2,000); and the same verdict from a
 * RunDetail stored in the history as from the run's events.
 */
describe('batch norm across initial scales: the checks on real runs', () => {
  const ids = ['bn-off-std-0_00736', 'bn-on-std-0_00736', 'bn-off-std-0_293', 'bn-on-std-0_293'];
  const runs: Record<string, ClaimRun> = {};
  const events: Record<string, ReturnType<typeof runPreset>['events']> = {};
  beforeAll(() => {
    for (const id of ids) {
      events[id] = runPreset(id, { testSize: 100 }).events;
      runs[id] = claimRunFromEvents(events[id]);
    }
  }, 600_000);

  it.each(ids)('%s: reproduced', (id) => {
    const verdict = checkClaim(id, runs[id]!);
    expect(verdict.verdict, verdict.message.en).toBe('reproduced');
  });

  it.each(['batchnorm-small-init', 'batchnorm-he-scale'])('comparison %s: reproduced', (id) => {
    const verdict = checkComparison(id, runs);
    expect(verdict.verdict, verdict.message.en).toBe('reproduced');
  });

  it('a RunDetail from the history, with its first and latest snapshots, gives the same verdict as the events', () => {
    const history = openTemp();
    const id = 'b0000000-0000-4000-8000-000000000736';
    const runEvents = events['bn-on-std-0_00736']!.map((e) => (e.type === 'start' ? { ...e, runId: id } : e));
    const start = runEvents[0]!;
    if (start.type !== 'start') throw new Error('no start event');
    history.createRun({ id, spec: start.spec as never, status: 'queued' });
    history.recordEvents(id, runEvents);
    const detail = history.getRun(id);
    const diagnostics = { first: history.getDiagnostics(id, detail.diagnosticsSteps[0]!), last: history.getDiagnostics(id, detail.diagnosticsSteps.at(-1)!) };
    expect(checkClaim('bn-on-std-0_00736', { ...detail, diagnostics })).toEqual(checkClaim('bn-on-std-0_00736', runs['bn-on-std-0_00736']!));
  });
});

describe('optimizers: the checks on real, shortened runs', () => {
  const short = { trainSize: 2000, testSize: 100, iterations: 50, evalEvery: 25 };
  it.each(['optimizer-sgd', 'optimizer-adam'])('%s: a run that ends at step 50 is not judged on its training loss at step 2,000', (id) => {
    const verdict = checkClaim(id, claimRunFromEvents(runPreset(id, short).events));
    expect(verdict.verdict, verdict.message.en).toBe('not-yet');
    expect(verdict.message.en).toContain('the run ended at step 50 (completed); it takes 2,000 steps to tell');
  });
});
