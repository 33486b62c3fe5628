import { describe, expect, it } from 'vitest';
import { ANCHOR_FUNCTION, attributeTasks, MAX_SAMPLE_US, profileOffset, type CallFrame, type CpuProfile } from '../../bench/cpu-profile-attribution';
import { decodeVlq, SourceMapLookup } from '../../bench/source-map-lookup';

const APP = 'http://127.0.0.1:1/assets/index.js';
const frame = (functionName: string, url = APP, lineNumber = 0): CallFrame => ({ functionName, url, lineNumber, columnNumber: 0 });

/**
 * root → (program) | anchor | onmessage → apply → setOption → layout; (garbage collector) under root.
 * Samples every 1 ms (1,000 μs) from t = 10,000 μs.
 */
function profile(samples: number[]): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4, 8] },
      { id: 2, callFrame: frame('(program)', '') },
      { id: 3, callFrame: frame(ANCHOR_FUNCTION, '') },
      { id: 4, callFrame: frame('onmessage', APP, 10), children: [5] },
      { id: 5, callFrame: frame('apply', APP, 20), children: [6] },
      { id: 6, callFrame: frame('setOption', APP, 900), children: [7] },
      { id: 7, callFrame: frame('layout', APP, 950) },
      { id: 8, callFrame: frame('(garbage collector)', '') },
    ],
    startTime: 10_000,
    samples,
    timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)),
  };
}

/** Lines below 900 are the app's own code; the rest a library's. */
const origin = (f: CallFrame) => ({ where: `${f.lineNumber < 900 ? 'app.ts' : 'node_modules/echarts.js'}:${f.lineNumber + 1}`, own: f.lineNumber < 900 });

describe('CPU profile attribution', () => {
  it("ties the profile's clock to the page's through the first sample in the anchor", () => {
    // Samples at 10,000, 11,000, 12,000 μs; the anchor is first sampled at 11,000 μs and started at page time 5 ms.
    expect(profileOffset(profile([2, 3, 3]), 5)).toBe(11_000 - 5_000);
    expect(profileOffset(profile([2, 2]), 5)).toBeNull();
  });

  it("sums a task's samples by entry, by the deepest own frame and by the innermost frame", () => {
    // Page time 0 = 10,000 μs; the task covers page ms [2, 7): samples 2..6.
    const samples = [2, 3, 7, 7, 6, 8, 5, 2, 2];
    const [task] = attributeTasks(profile(samples), [{ start: 2, duration: 5 }], 10_000, origin);
    expect(task!.sampledMs).toBe(5);
    expect(task!.entry).toEqual([
      { label: 'onmessage (app.ts:11)', ms: 4 },
      { label: '(garbage collector)', ms: 1 },
    ]);
    expect(task!.ownCode).toEqual([
      { label: 'apply (app.ts:21)', ms: 4 },
      { label: '(garbage collector)', ms: 1 },
    ]);
    expect(task!.self).toEqual([
      { label: 'layout (node_modules/echarts.js:951)', ms: 2 },
      { label: 'setOption (node_modules/echarts.js:901)', ms: 1 },
      { label: '(garbage collector)', ms: 1 },
    ]);
  });

  it("counts a sampler's gap only up to MAX_SAMPLE_US to the sample before it", () => {
    const gapped = profile([4, 7, 4]);
    gapped.timeDeltas = [0, 1000, 60_000];
    const [task] = attributeTasks(gapped, [{ start: 0, duration: 100 }], 10_000, origin);
    expect(task!.self).toEqual([
      { label: 'layout (node_modules/echarts.js:951)', ms: MAX_SAMPLE_US / 1000 },
      { label: 'onmessage (app.ts:11)', ms: 1 },
    ]);
    expect(task!.sampledMs).toBe(1 + MAX_SAMPLE_US / 1000);
  });

  it('finds nothing for a task outside the profile', () => {
    const [task] = attributeTasks(profile([4, 4]), [{ start: 100, duration: 50 }], 10_000, origin);
    expect(task).toMatchObject({ sampledMs: 0, entry: [], ownCode: [], self: [] });
  });
});

describe('source map lookup', () => {
  it('decodes base64 VLQ segments', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('AACA')).toEqual([0, 0, 1, 0]);
    expect(decodeVlq('gBAAD')).toEqual([16, 0, 0, -1]);
    expect(() => decodeVlq('A!')).toThrow(/base64/);
  });

  it("answers a generated position's source and 1-based line, relative fields summed", () => {
    // Line 0: col 0 → a.ts line 0; col 8 → a.ts line 2. Line 1: col 2 → b.ts line 5 (source +1, line +3).
    const map = SourceMapLookup.parse(JSON.stringify({ version: 3, sources: ['../../renderer/a.ts', '../../node_modules/x/b.js'], mappings: 'AAAA,QAEA;ECGA' }));
    expect(map.originalPosition(0, 0)).toEqual({ source: 'renderer/a.ts', line: 1 });
    expect(map.originalPosition(0, 30)).toEqual({ source: 'renderer/a.ts', line: 3 });
    expect(map.originalPosition(1, 0)).toEqual({ source: 'node_modules/x/b.js', line: 6 });
    expect(map.originalPosition(7, 0)).toBeNull();
    expect(() => SourceMapLookup.parse('{"version":2}')).toThrow(/version 3/);
  });
});
