import { describe, expect, it } from 'vitest';
import { LECTURE_NETWORK, runWalkthrough } from '../../../engine/lab/walkthrough';
import { diagramLayout, exampleModel, isUnchanged, parameterRefs, readParameter, textWidth, writeParameter } from '../../../renderer/src/lib/labs/walkthrough-model';

describe('walkthrough model', () => {
  it('names every number a student can change, and changes the copy, not the lecture’s network', () => {
    const model = exampleModel('lecture');
    expect(parameterRefs(model).map((r) => r.label)).toEqual(['x1', 'x2', 'w1', 'w2', 'w3', 'w4', 'b1', 'b2', 'w5', 'w6', 'b3', 't', 'η']);
    const w6 = parameterRefs(model).find((r) => r.label === 'w6')!;
    expect(readParameter(model, w6)).toBe(-1);
    expect(isUnchanged(model, 'lecture')).toBe(true);
    writeParameter(model, w6, 2);
    expect(isUnchanged(model, 'lecture')).toBe(false);
    expect(LECTURE_NETWORK.layers[1]!.weights[1]![0]).toBe(-1);
    // The slide's later w6 = 2: the output rises to σ(0.731 + 1) = 0.85.
    expect(runWalkthrough(model).forward[1]!.units[0]!.a).toBeCloseTo(0.8495, 4);
  });

  it('lays the 2-2-1 network out so that no two weight labels cover each other', () => {
    const layout = diagramLayout(exampleModel('lecture'));
    // The widest a label gets: "∂L/∂w1 = −0.003781" under the weight.
    const width = textWidth('∂L/∂w1 = −0.003781', 16) + 22;
    const height = 58;
    for (const a of layout.edges) {
      for (const b of layout.edges) {
        if (a === b) continue;
        const apart = Math.abs(a.labelX - b.labelX) >= width || Math.abs(a.labelY - b.labelY) >= height;
        expect(apart, `${a.label} and ${b.label}`).toBe(true);
      }
      for (const node of layout.nodes) {
        const dx = Math.max(0, Math.abs(a.labelX - node.x) - width / 2);
        const dy = Math.max(0, Math.abs(a.labelY - node.y) - height / 2);
        expect(Math.hypot(dx, dy) >= layout.radius || node.kind === 'loss', `${a.label} over ${node.name}`).toBe(true);
      }
    }
  });
});
