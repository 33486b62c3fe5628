import { describe, expect, it } from 'vitest';
import type { RerunOutcome } from '../../../engine/api/lab-api';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { progressOf, ReplaySession } from '../../../renderer/src/lib/history/replay-session';
import { RunSeries } from '../../../renderer/src/lib/charts/run-series';
import { DEFAULT_REPLAY_SPEED, REPLAY_SPEEDS, epochText, lengthText, optimizerText, recordedPace, rerunReport, stepsPerSecond } from '../../../renderer/src/lib/history/replay-timeline';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { historyMessages } from '../../../renderer/src/lib/i18n/messages/history';
import { ManualTimers } from '../../engine/service/manual-timers';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';

const ko = translator(historyMessages, 'ko');
const en = translator(historyMessages, 'en');

describe('replay speed', () => {
  it('offers fixed speeds and the pace the run trained at', () => {
    expect(REPLAY_SPEEDS).toEqual([10, 50, 200, 1000]);
    expect(stepsPerSecond(200, 80)).toBe(200);
    // 1250 steps in 2.5 s of training: 500 steps/s.
    expect(recordedPace(1250, 2500)).toBe(500);
    expect(stepsPerSecond('recorded', recordedPace(1250, 2500))).toBe(500);
  });

  it('falls back to the default pace when the run has no duration, and stays within what a replay can show', () => {
    expect(recordedPace(1250, null)).toBeNull();
    expect(recordedPace(0, 1000)).toBeNull();
    expect(recordedPace(10, 0)).toBeNull();
    expect(stepsPerSecond('recorded', null)).toBe(DEFAULT_REPLAY_SPEED);
    expect(recordedPace(1, 60_000)).toBe(1);
    expect(recordedPace(1_000_000, 1)).toBe(20_000);
  });
});

describe('the timeline', () => {
  it('says how far into training a step is, in epochs', () => {
    expect(epochText(0, 25)).toBe('0');
    expect(epochText(50, 25)).toBe('2');
    expect(epochText(60, 25)).toBe('2.4');
    expect(epochText(60, null)).toBe('–');
    expect(ko('progress', { step: 60, total: 1250, epoch: epochText(60, 25) })).toBe('60/1250 단계 · 에폭 2.4');
    expect(en('progress', { step: 60, total: 1250, epoch: epochText(60, 25) })).toBe('step 60/1250 · epoch 2.4');
  });

  it('a series fed by a replay session shows, at any step, exactly the run up to that step', () => {
    const { events } = train(circleSpec({ diagnostics: { every: 7, bins: 10 } }));
    const replayed = new RunSeries();
    const session = new ReplaySession(events, (batch, reset) => replayed.apply(batch, reset), 100, new ManualTimers());
    for (const step of [session.totalSteps, 0, 17, 3, 44, 21]) {
      session.seek(step);
      const expected = new RunSeries();
      expected.apply(events.filter((event) => progressOf(event) <= step));
      expect(replayed.steps).toEqual(expected.steps);
      expect(replayed.evals).toEqual(expected.evals);
      expect(replayed.gradientNorms()).toEqual(expected.gradientNorms());
      // The pictures of that moment: the last diagnostics and network snapshot at or before the step.
      const diagnostics = eventsOf(events, 'diagnostics').filter((d) => d.step + 1 <= step).at(-1) ?? null;
      expect(replayed.latestDiagnostics).toEqual(diagnostics);
      expect(replayed.latestNetwork?.step ?? null).toBe(eventsOf(events, 'network').filter((n) => n.step + 1 <= step).at(-1)?.step ?? null);
      expect(replayed.steps.step.at(-1) ?? -1).toBe(step - 1);
    }
  });
});

describe('re-run verdicts', () => {
  const identical: RerunOutcome = { runId: 'r', identical: true, firstDifference: null, engineVersions: { stored: '0.1.0', rerun: '0.1.0' } };

  it('identical, bit for bit, with the number of steps', () => {
    expect(rerunReport(identical, 1250, en)).toEqual({ identical: true, verdict: 'identical ✔ (1,250 steps, bit for bit)', engines: null });
    expect(rerunReport(identical, 1250, ko).verdict).toBe('동일 ✔ (1,250단계, 비트 단위까지 같음)');
    // The lecture's 2-2-1 run is one step long.
    expect(rerunReport(identical, 1, en).verdict).toBe('identical ✔ (1 step, bit for bit)');
  });

  it('names the first difference with both numbers in full (a last-bit difference stays visible)', () => {
    const outcome: RerunOutcome = {
      runId: 'r',
      identical: false,
      firstDifference: { series: 'steps', step: 312, field: 'loss', stored: 0.1 + 0.2, rerun: 0.3 },
      engineVersions: { stored: '0.1.0', rerun: '0.2.0' },
    };
    expect(rerunReport(outcome, 1250, en)).toEqual({
      identical: false,
      verdict: 'differs first at step 312: batch loss was 0.30000000000000004, now 0.3',
      engines: 'Different engine versions: recorded 0.1.0, now 0.2.0',
    });
    const shorter: RerunOutcome = { ...outcome, firstDifference: { series: 'evals', step: 900, field: 'step', stored: 900, rerun: null } };
    expect(rerunReport(shorter, 1250, ko).verdict).toBe('900단계에서 처음 달라짐: 기록된 단계 기록값 900, 이번 값 없음');
  });
});

describe('spec summary', () => {
  it('optimizer with its learning rate, and the training length', () => {
    const spec = parseRunSpec(circleSpec({ optimizer: { name: 'adam', lr: 0.03 } }));
    expect(optimizerText(spec.optimizer)).toBe('Adam · lr 0.03');
    expect(lengthText(spec.training, ko, 'ko')).toBe('3 에폭');
    expect(lengthText(parseRunSpec(circleSpec({ training: { batchSize: 10, iterations: 2000 } })).training, en, 'en')).toBe('2,000 iterations');
    expect(lengthText(parseRunSpec(circleSpec({ training: { batchSize: 10, epochs: 1 } })).training, en, 'en')).toBe('1 epoch');
    expect(lengthText(parseRunSpec(circleSpec({ training: { batchSize: 10, iterations: 1 } })).training, en, 'en')).toBe('1 iteration');
    expect(lengthText(parseRunSpec(circleSpec({ training: { batchSize: 10, epochs: 1 } })).training, ko, 'ko')).toBe('1 에폭');
  });
});
