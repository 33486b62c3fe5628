import { describe, expect, it } from 'vitest';
import { OptionMemo } from '../../../renderer/src/lib/charts/option-memo';

describe('an option rebuilt only when its inputs change', () => {
  it('returns the same option for the same inputs and builds anew when any of them is another object', () => {
    let builds = 0;
    const memo = new OptionMemo((snapshot: { step: number } | null, name: string) => ({ title: `${name} ${snapshot?.step ?? '-'}`, build: ++builds }));
    const first = { step: 1 };
    const a = memo.get(first, 'run');
    expect(memo.get(first, 'run')).toBe(a);
    expect(builds).toBe(1);
    // An equal but new snapshot is a new snapshot (the series makes one per event).
    const b = memo.get({ step: 1 }, 'run');
    expect(b).not.toBe(a);
    expect(memo.get(first, 'other run')).toMatchObject({ title: 'other run 1', build: 3 });
    expect(memo.get(null, 'other run')).toMatchObject({ title: 'other run -', build: 4 });
    expect(memo.get(null, 'other run').build).toBe(4);
  });
});
