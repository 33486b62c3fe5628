// AssemblyScript, not TypeScript: compiled to WebAssembly by scripts/build-kernels.mjs.
//
// Data movement around the matrix products: the bias gradient's column sums, and turning rows of
// bytes (MNIST's pixels) into float32 features. Pointers are byte addresses in linear memory,
// float32 arrays 16-byte aligned, chosen by engine/nn/wasm/wasm-kernels.ts.

/**
 * out[j] = Σᵢ a[i][j] over rows i < m of the row-major a[m×n], added in row order in float32,
 * starting from 0 or (accumulate ≠ 0) from out's values.
 */
export function columnSums(a: usize, out: usize, m: i32, n: i32, accumulate: i32): void {
  if (accumulate == 0) memory.fill(out, 0, <usize>n << 2);
  const vectorBytes = <usize>(n & ~3) << 2;
  let row = a;
  const rowBytes = <usize>n << 2;
  for (let i = 0; i < m; i++) {
    for (let at: usize = 0; at < vectorBytes; at += 16) v128.store(out + at, f32x4.add(v128.load(out + at), v128.load(row + at)));
    for (let at = vectorBytes; at < rowBytes; at += 4) store<f32>(out + at, load<f32>(out + at) + load<f32>(row + at));
    row += rowBytes;
  }
}

/** out[i] = fl32(bytes[i] · scale) for i < count, the product in float64 (the TypeScript conversion's values). */
export function bytesToFloats(bytes: usize, out: usize, count: i32, scale: f64): void {
  const factor = f64x2.splat(scale);
  const end = bytes + <usize>(count & ~3);
  let to = out;
  for (let from = bytes; from < end; from += 4) {
    const ints = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(from)));
    const values = f32x4.convert_i32x4_u(ints);
    const lo = f64x2.mul(f64x2.promote_low_f32x4(values), factor);
    const hi = f64x2.mul(f64x2.promote_low_f32x4(i64x2.shuffle(values, values, 1, 0)), factor);
    v128.store(to, i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2));
    to += 16;
  }
  for (let i = 0; i < (count & 3); i++) store<f32>(to + (<usize>i << 2), <f32>(<f64>load<u8>(end + <usize>i) * scale));
}
