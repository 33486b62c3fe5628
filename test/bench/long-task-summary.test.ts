import { describe, expect, it } from 'vitest';
import { scriptLabel, summarizeScenario, within, type PageLongTasks } from '../../bench/long-task-summary';

const script = (invoker: string, duration: number, sourceFunctionName = '') => ({ invoker, sourceURL: 'http://127.0.0.1:5000/assets/index-abc.js?x=1', sourceFunctionName, duration });

describe('long-task summary (the UI bench section)', () => {
  it('counts, medians and maxima per repetition, and the verdict against 100 ms', () => {
    const a: PageLongTasks = { tasks: [{ start: 1, duration: 60 }, { start: 2, duration: 120 }], frames: [] };
    const b: PageLongTasks = { tasks: [{ start: 1, duration: 80 }], frames: [] };
    const summary = summarizeScenario([a, b]);
    expect(summary.counts).toEqual([2, 1]);
    expect(summary.medianMs).toBe(80);
    expect(summary.maxPerRepetition).toEqual([120, 80]);
    expect(summary.maxMs).toBe(120);
    expect(summary.met).toBe(false);
    expect(summarizeScenario([b]).met).toBe(true);
    expect(summarizeScenario([{ tasks: [{ start: 0, duration: 100 }], frames: [] }]).met).toBe(false);
  });

  it('no tasks at all is met, with zeros', () => {
    const summary = summarizeScenario([{ tasks: [], frames: [] }]);
    expect(summary).toMatchObject({ counts: [0], medianMs: 0, maxMs: 0, met: true, attributions: [] });
  });

  it('attributions add up per script, biggest total first', () => {
    const frames = [
      { start: 0, duration: 200, scripts: [script('WebSocket.onmessage', 50), script('FrameRequestCallback', 90, 't')] },
      { start: 5, duration: 150, scripts: [script('WebSocket.onmessage', 70)] },
    ];
    const summary = summarizeScenario([{ tasks: [], frames }], 2);
    expect(summary.attributions).toEqual([
      { script: 'WebSocket.onmessage (index-abc.js)', totalMs: 120, longestMs: 70 },
      { script: 'FrameRequestCallback (index-abc.js:t)', totalMs: 90, longestMs: 90 },
    ]);
    expect(scriptLabel({ invoker: '', sourceURL: '', sourceFunctionName: '', duration: 1 })).toBe('unknown');
  });

  it('keeps only what began inside the window', () => {
    const all: PageLongTasks = { tasks: [{ start: 5, duration: 60 }, { start: 15, duration: 70 }], frames: [{ start: 9, duration: 60, scripts: [] }] };
    expect(within(all, 0, 10)).toEqual({ tasks: [{ start: 5, duration: 60 }], frames: [{ start: 9, duration: 60, scripts: [] }] });
  });
});
