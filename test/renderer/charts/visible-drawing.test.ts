import { describe, expect, it, vi } from 'vitest';
import { ChartQueue } from '../../../renderer/src/lib/charts/chart-queue';
import { VisibleDrawing } from '../../../renderer/src/lib/charts/visible-drawing';

async function settled(queue: ChartQueue): Promise<void> {
  await vi.waitFor(() => expect(queue.size).toBe(0));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('VisibleDrawing (a chart drawn only in view)', () => {
  it('draws the first drawing wherever the chart is; then holds them while out of view and draws only the latest when it comes into view', async () => {
    const queue = new ChartQueue();
    const drawing = new VisibleDrawing(queue, {});
    const done: string[] = [];
    drawing.push(() => done.push('first'));
    await settled(queue);
    expect(done).toEqual(['first']);
    drawing.push(() => done.push('second'));
    drawing.push(() => done.push('third'));
    await settled(queue);
    expect(done).toEqual(['first']);
    expect(drawing.holding).toBe(true);
    drawing.visible = true;
    await settled(queue);
    expect(done).toEqual(['first', 'third']);
    expect(drawing.holding).toBe(false);
  });

  it('a newer drawing before the first has been made replaces it in the queue, wherever the chart is', async () => {
    const queue = new ChartQueue();
    const drawing = new VisibleDrawing(queue, {});
    const done: string[] = [];
    drawing.push(() => done.push('first'));
    drawing.push(() => done.push('newer'));
    await settled(queue);
    expect(done).toEqual(['newer']);
  });

  it('in view, draws through the queue; going out of view replaces a drawing still queued', async () => {
    const queue = new ChartQueue();
    const drawing = new VisibleDrawing(queue, {});
    const done: string[] = [];
    drawing.visible = true;
    drawing.push(() => done.push('shown'));
    await settled(queue);
    expect(done).toEqual(['shown']);
    drawing.push(() => done.push('queued'));
    drawing.visible = false;
    drawing.push(() => done.push('held'));
    await settled(queue);
    expect(done).toEqual(['shown']);
    drawing.visible = true;
    await settled(queue);
    expect(done).toEqual(['shown', 'held']);
  });

  it('cancel forgets the held and the queued drawing', async () => {
    const queue = new ChartQueue();
    const drawing = new VisibleDrawing(queue, {});
    const done: string[] = [];
    drawing.push(() => done.push('first'));
    drawing.cancel();
    drawing.push(() => done.push('held'));
    drawing.cancel();
    drawing.visible = true;
    await settled(queue);
    expect(done).toEqual([]);
  });
});
