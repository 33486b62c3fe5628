import { describe, expect, it } from 'vitest';
import { exportWords } from '../../../../engine/lab/export-script/export-words';
import { randomCode } from '../../../../engine/lab/export-script/program-random';
import { randomStream } from '../../../../engine/nn/random';
import { pythonHas, runPython } from './python';

const hasPython = pythonHas();
if (!hasPython) console.warn('skipped: running the ported generator needs /usr/bin/python3');

/**
 * The Python port of NN Lab's generator draws exactly the engine's numbers: raw words, uniforms,
 * normals, whole numbers and shuffles, for the purposes a run uses and for seeds at the edges.
 */
describe.skipIf(!hasPython)("the exported programs' random generator", () => {
  it('matches engine/nn/random.ts number for number', () => {
    const cases = [
      { seed: 0, purpose: 'data' },
      { seed: 42, purpose: 'init:0' },
      { seed: 42, purpose: 'batches' },
      { seed: 0xffffffff, purpose: 'dropout:3' },
      { seed: 7, purpose: '' },
    ];
    const expected = cases.map(({ seed, purpose }) => {
      const random = randomStream(seed, purpose);
      const words = Array.from({ length: 5 }, () => random.nextUint32());
      const uniforms = Array.from({ length: 5 }, () => random.uniform());
      const normals = Array.from({ length: 5 }, () => random.normal());
      const below = Array.from({ length: 5 }, () => random.int(1000));
      const order = Array.from({ length: 20 }, (_, i) => i);
      random.shuffle(order);
      return { words, uniforms, normals, below, order };
    });
    const program = `import json
import math
${randomCode(exportWords('ko'))}
out = []
for seed, purpose in ${JSON.stringify(cases.map(({ seed, purpose }) => [seed, purpose]))}:
    random = random_stream(seed, purpose)
    words = [random.next_uint32() for _ in range(5)]
    uniforms = [random.uniform() for _ in range(5)]
    normals = [random.normal() for _ in range(5)]
    below = [random.below(1000) for _ in range(5)]
    order = list(range(20))
    random.shuffle(order)
    out.append({"words": words, "uniforms": uniforms, "normals": normals, "below": below, "order": order})
print(json.dumps(out))`;
    const actual = JSON.parse(runPython(['-c', program])) as typeof expected;
    actual.forEach((stream, i) => {
      const want = expected[i]!;
      expect(stream.words).toEqual(want.words);
      expect(stream.uniforms).toEqual(want.uniforms);
      expect(stream.below).toEqual(want.below);
      expect(stream.order).toEqual(want.order);
      // sin, cos and log come from two maths libraries (V8's and the C library's): equal to the last bit or two.
      stream.normals.forEach((value, k) => expect(Math.abs(value - want.normals[k]!)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(value))));
    });
  });
});
