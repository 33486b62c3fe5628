import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import type { FieldProblem, SpecError } from '../../../engine/api/spec-error';
import { defaultDraft, draftToSpec, InlineData } from '../../../renderer/src/lib/state/spec-draft';
import { plainSpec, specKey } from '../../../renderer/src/lib/state/spec-key';
import { localSpecProblems, rememberCheckedPoints } from '../../../renderer/src/lib/state/spec-problems';

function parserProblems(spec: unknown): FieldProblem[] {
  try {
    parseRunSpec(spec);
    return [];
  } catch (error) {
    return [...(error as SpecError).problems];
  }
}

function inlineSpec(x: number[][], y: number[], test?: { x: number[][]; y: number[] }): RunSpecInput {
  const draft = defaultDraft();
  draft.dataset.name = 'inline';
  draft.dataset.inline = new InlineData('points.csv', x, y, test);
  return draftToSpec(draft);
}

const points = (n: number) => ({ x: Array.from({ length: n }, (_, i) => [i / n, 1 - i / n]), y: Array.from({ length: n }, (_, i) => i % 2) });

describe("the builder's own check of a spec (localSpecProblems)", () => {
  it('finds what parseRunSpec finds: fine specs, bad fields, bad points', () => {
    const good = draftToSpec(defaultDraft());
    const badRate = { ...good, optimizer: { name: 'sgd' as const, lr: -1 } };
    const { x, y } = points(6);
    const badPoint = inlineSpec([...x.slice(0, 5), [Number.NaN, 0]], y, { x: [[1, 2]], y: [1.5] });
    const inlineBadRate = { ...inlineSpec(x, y), optimizer: { name: 'sgd' as const, lr: 0 } };
    for (const spec of [good, badRate, inlineSpec(x, y), badPoint, inlineBadRate]) {
      expect(new Set(localSpecProblems(spec).map((p) => `${p.field}: ${p.message}`))).toEqual(new Set(parserProblems(spec).map((p) => `${p.field}: ${p.message}`)));
    }
    expect(localSpecProblems(badPoint).map((p) => p.field).sort()).toEqual(['dataset.test.y', 'dataset.x[5][0]']);
  });

  it("checks a file's points once: later checks of the same arrays (every edit of the draft) do not read them again", () => {
    const { x, y } = points(50);
    const first = inlineSpec(x, y);
    expect(localSpecProblems(first)).toEqual([]);
    // Never done by the app (a file's points are replaced, not edited): it shows the points are not read again.
    x[3]![0] = Number.NaN;
    const edited = { ...inlineSpec(x, y), optimizer: { name: 'adam' as const, lr: 0.01 } };
    expect(localSpecProblems(edited)).toEqual([]);
    // Other arrays with the same values are other points: checked.
    expect(localSpecProblems(inlineSpec(x.map((row) => [...row]), y)).map((p) => p.field)).toEqual(['dataset.x[3][0]']);
  });

  it('takes the problems found where the file was read (the CSV worker) instead of checking the points itself', () => {
    const { x, y } = points(10);
    rememberCheckedPoints({ x, y }, [{ field: 'dataset.x[0][0]', message: 'found by the reader' }]);
    expect(localSpecProblems(inlineSpec(x, y))).toEqual([{ field: 'dataset.x[0][0]', message: 'found by the reader' }]);
    // The same x with other labels is another dataset.
    expect(localSpecProblems(inlineSpec(x, y.map((v) => 1 - v)))).toEqual([]);
  });
});

describe('the key of a spec (specKey)', () => {
  it("is the spec's JSON when it has no file's points", () => {
    const spec = draftToSpec(defaultDraft());
    expect(specKey(spec)).toBe(JSON.stringify(spec));
  });

  it("names a file's points by their arrays instead of writing 50,000 of them out", () => {
    const { x, y } = points(50_000);
    const key = specKey(inlineSpec(x, y));
    expect(key.length).toBeLessThan(1000);
    expect(specKey(inlineSpec(x, y))).toBe(key);
    expect(specKey({ ...inlineSpec(x, y), seed: 2 })).not.toBe(key);
    expect(specKey(inlineSpec(x.map((row) => [...row]), y))).not.toBe(key);
    const test = points(10);
    expect(specKey(inlineSpec(x, y, test))).not.toBe(key);
  });

  it('plainSpec sends the same spec as its JSON copy did, the points as they are', () => {
    const { x, y } = points(20);
    const spec = inlineSpec(x, y, points(4));
    const plain = plainSpec(spec);
    expect(plain).toEqual(JSON.parse(JSON.stringify(spec)));
    expect((plain.dataset as { x: unknown }).x).toBe(x);
    expect(plainSpec(draftToSpec(defaultDraft()))).toEqual(draftToSpec(defaultDraft()));
  });
});
