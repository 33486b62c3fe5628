import { describe, expect, it } from 'vitest';
import type { EndEvent, StartEvent } from '../../engine/api/events';
import { circleSpec, events, nnlab, specFile as writeSpec, useTempFolder } from './train-helpers';

const tempFolder = useTempFolder();
const specFile = (spec: unknown): string => writeSpec(tempFolder(), spec);

/** `nnlab train --spec` and `nnlab presets` with input features (issue 16). */
describe('nnlab with input features', () => {
  it('trains a spec with dataset.features: one network input per feature', async () => {
    const base = circleSpec();
    const spec = { ...base, dataset: { ...base.dataset, features: ['x1', 'x2', 'x1_squared', 'x2_squared', 'sin_x1'] } };
    const run = await nnlab(['train', '--spec', specFile(spec), '--json', '--no-db']);
    expect(run.code).toBe(0);
    const all = events(run.out);
    const start = all[0] as StartEvent;
    expect(start.dataset.inputSize).toBe(5);
    expect((start.spec as { dataset: unknown }).dataset).toMatchObject({ features: ['x1', 'x2', 'x1_squared', 'x2_squared', 'sin_x1'] });
    expect((all.at(-1) as EndEvent).status).toBe('completed');
    const readable = await nnlab(['train', '--spec', specFile(spec), '--no-db', '--lang', 'en']);
    expect(readable.out.join('\n')).toContain('5 inputs');
  });

  it('refuses a wrong feature list in one line naming the field', async () => {
    const base = circleSpec();
    const run = await nnlab(['train', '--spec', specFile({ ...base, dataset: { ...base.dataset, features: ['x1', 'x1'] } }), '--no-db', '--lang', 'en']);
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toContain('dataset.features[1]: x1 is listed twice; list each feature once');
  });

  it('lists the input-features presets under their part', async () => {
    const run = await nnlab(['presets', '--lang', 'en']);
    const text = run.out.join('\n');
    expect(text).toContain('Input features');
    expect(text).toContain('features-circle-xy');
    expect(text).toContain('features-circle-squares');
  });
});
