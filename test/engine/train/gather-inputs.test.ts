import { afterEach, describe, expect, it } from 'vitest';
import { availableKernelBackends, setKernelBackend } from '../../../engine/nn/kernel-backend';
import { gatherInputs } from '../../../engine/train/targets';

afterEach(() => {
  setKernelBackend('auto');
});

describe.each(availableKernelBackends())('gatherInputs (%s kernels)', (backend) => {
  const bytes = Uint8Array.from({ length: 3 * 256 }, (_, i) => (i * 7) % 256);
  const matrix = (scale: number) => ({ values: bytes, rows: 3, cols: 256, scale });

  it.each([1 / 255, 1, 0.5])('converts byte rows to float32 features exactly as fl32(b · scale), in the order asked (scale %f)', (scale) => {
    setKernelBackend(backend);
    const out = new Float32Array(2 * 256);
    gatherInputs(matrix(scale), [2, 0], 2, out);
    const expected = Float32Array.from({ length: 512 }, (_, i) => bytes[(i < 256 ? 512 : -256) + i]! * scale);
    expect(out).toEqual(expected);
  });

  it('gives float64 buffers the unrounded products', () => {
    const out = new Float64Array(256);
    gatherInputs(matrix(1 / 255), [1], 1, out);
    expect(out[1]).toBe(bytes[257]! * (1 / 255));
    expect(out[1]).not.toBe(Math.fround(bytes[257]! * (1 / 255)));
  });
});
