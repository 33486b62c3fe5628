import { describe, expect, it } from 'vitest';
import type { PaintScheduler } from '../../../renderer/src/lib/state/after-paint';
import { PushBatch } from '../../../renderer/src/lib/state/push-batch';

/** A page's frames, run by the test: `frame()` is the next paint. */
function frames(): PaintScheduler & { frame(): void; waiting(): number } {
  let callbacks: (() => void)[] = [];
  return {
    beforeNextPaint(callback) {
      callbacks.push(callback);
      return () => (callbacks = callbacks.filter((c) => c !== callback));
    },
    inNewTask(callback) {
      callbacks.push(callback);
      return () => (callbacks = callbacks.filter((c) => c !== callback));
    },
    frame() {
      const due = callbacks;
      callbacks = [];
      for (const callback of due) callback();
    },
    waiting: () => callbacks.length,
  };
}

describe('pushes handed on once a frame', () => {
  it('delivers everything that came before a frame together, in order, with one frame asked for', () => {
    const clock = frames();
    const delivered: number[][] = [];
    const batch = new PushBatch<number>((items) => delivered.push([...items]), clock);
    batch.add(1);
    batch.add(2);
    batch.add(3);
    expect(delivered).toEqual([]);
    expect(clock.waiting()).toBe(1);
    clock.frame();
    expect(delivered).toEqual([[1, 2, 3]]);
    batch.add(4);
    clock.frame();
    clock.frame();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });

  it('flush delivers at once and cancels the frame; an empty flush delivers nothing', () => {
    const clock = frames();
    const delivered: string[][] = [];
    const batch = new PushBatch<string>((items) => delivered.push([...items]), clock);
    batch.flush();
    batch.add('a');
    batch.flush();
    expect(delivered).toEqual([['a']]);
    expect(clock.waiting()).toBe(0);
    batch.add('b');
    expect(clock.waiting()).toBe(1);
    clock.frame();
    expect(delivered).toEqual([['a'], ['b']]);
  });
});
