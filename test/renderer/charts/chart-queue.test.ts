import { describe, expect, it, vi } from 'vitest';
import { ChartQueue } from '../../../renderer/src/lib/charts/chart-queue';

/** A clock the work moves on: each piece of work "takes" what it says. */
function clock() {
  let t = 0;
  return { now: () => t, spend: (ms: number) => (t += ms) };
}

/** Resolves once the queue has nothing waiting and the task that emptied it has ended. */
async function settled(queue: ChartQueue): Promise<void> {
  await vi.waitFor(() => expect(queue.size).toBe(0));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('ChartQueue (chart drawing in budgeted tasks)', () => {
  it('runs nothing at once: the work waits for a fresh task, then runs in order', async () => {
    const done: string[] = [];
    const queue = new ChartQueue(undefined, 12);
    queue.push({}, () => done.push('a'));
    queue.push({}, () => done.push('b'));
    expect(done).toEqual([]);
    await settled(queue);
    expect(done).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('a key pushed again before its turn runs once, with the latest work, in its first place', async () => {
    const done: string[] = [];
    const queue = new ChartQueue();
    const chart = {};
    queue.push(chart, () => done.push('old'));
    queue.push({}, () => done.push('other'));
    queue.push(chart, () => done.push('new'));
    await settled(queue);
    expect(done).toEqual(['new', 'other']);
  });

  it('stops a task once its budget is spent and goes on in the next (one piece at least per task)', async () => {
    const time = clock();
    const tasks: string[][] = [];
    let current: string[] = [];
    const queue = new ChartQueue(
      (run) =>
        setTimeout(() => {
          current = [];
          tasks.push(current);
          run();
        }, 0),
      12,
      time.now,
    );
    for (const [name, ms] of [['a', 30], ['b', 5], ['c', 5], ['d', 5], ['e', 1]] as const) {
      queue.push({}, () => {
        current.push(name);
        time.spend(ms);
      });
    }
    await settled(queue);
    expect(tasks).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
  });

  it('cancelled work never runs; a failing piece does not strand the rest', async () => {
    const done: string[] = [];
    const errors: unknown[] = [];
    const queue = new ChartQueue((run) =>
      setTimeout(() => {
        try {
          run();
        } catch (error) {
          errors.push(error);
        }
      }, 0),
    );
    const gone = {};
    queue.push(gone, () => done.push('gone'));
    queue.push({}, () => {
      throw new Error('disposed chart');
    });
    queue.push({}, () => done.push('after'));
    queue.cancel(gone);
    await settled(queue);
    expect(done).toEqual(['after']);
    expect(errors).toEqual([new Error('disposed chart')]);
  });
});
