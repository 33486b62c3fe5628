import { describe, expect, it } from 'vitest';
import { afterPaint, type PaintScheduler } from '../../../renderer/src/lib/state/after-paint';

/**
 * A page's event loop as the helper sees it: animation frames and tasks, run when the test says
 * (the browser's own are requestAnimationFrame and setTimeout; Node has no frames).
 */
class PageLoop implements PaintScheduler {
  frames: (() => void)[] = [];
  tasks: (() => void)[] = [];
  readonly log: string[] = [];

  beforeNextPaint(callback: () => void): () => void {
    this.frames.push(callback);
    return () => (this.frames = this.frames.filter((f) => f !== callback));
  }

  inNewTask(callback: () => void): () => void {
    this.tasks.push(callback);
    return () => (this.tasks = this.tasks.filter((t) => t !== callback));
  }

  /** The frame: its callbacks, then the paint. */
  paint(): void {
    const due = this.frames;
    this.frames = [];
    for (const callback of due) callback();
    this.log.push('paint');
  }

  /** The oldest task, alone. */
  runTask(): void {
    this.tasks.shift()?.();
    this.log.push('task end');
  }

  get pending(): number {
    return this.frames.length + this.tasks.length;
  }
}

describe('afterPaint: frame first, heavy parts next', () => {
  it('runs the heavy part after the paint of what the current task built, in a task of its own', () => {
    const loop = new PageLoop();
    afterPaint(() => loop.log.push('heavy part'), loop);
    expect(loop.log).toEqual([]);
    loop.paint();
    // Not in the frame itself: the paint must not wait for it.
    expect(loop.log).toEqual(['paint']);
    loop.runTask();
    expect(loop.log).toEqual(['paint', 'heavy part', 'task end']);
    expect(loop.pending).toBe(0);
  });

  it('gives each heavy part its own task', () => {
    const loop = new PageLoop();
    afterPaint(() => loop.log.push('network drawing'), loop);
    afterPaint(() => loop.log.push('charts'), loop);
    loop.paint();
    loop.runTask();
    loop.runTask();
    expect(loop.log).toEqual(['paint', 'network drawing', 'task end', 'charts', 'task end']);
  });

  it('leaves nothing behind when cancelled (unmounted) before the frame or before its task', () => {
    const loop = new PageLoop();
    const beforeFrame = afterPaint(() => loop.log.push('never'), loop);
    beforeFrame();
    expect(loop.pending).toBe(0);
    const beforeTask = afterPaint(() => loop.log.push('never'), loop);
    loop.paint();
    expect(loop.pending).toBe(1);
    beforeTask();
    expect(loop.pending).toBe(0);
    loop.runTask();
    expect(loop.log).not.toContain('never');
    // Cancelling after it ran, or twice, is harmless.
    const ran = afterPaint(() => loop.log.push('ran'), loop);
    loop.paint();
    loop.runTask();
    ran();
    ran();
    expect(loop.log.filter((e) => e === 'ran')).toHaveLength(1);
  });
});
