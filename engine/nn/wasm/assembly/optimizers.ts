// AssemblyScript, not TypeScript: compiled to WebAssembly by scripts/build-kernels.mjs.
//
// Plain SGD's update over float32 parameters, computed exactly as the TypeScript optimizer does
// it (in float64, then rounded to float32 once), so both backends give bit-identical weights.

/** w[i] = fl32(w[i] − lr · g[i]) for i < count, the arithmetic in float64; w and g 16-byte aligned. */
export function sgdStep(w: usize, g: usize, count: i32, lr: f64): void {
  const rate = f64x2.splat(lr);
  const end = w + (<usize>(count & ~3) << 2);
  let gp = g;
  for (let wp = w; wp < end; wp += 16) {
    const wv = v128.load(wp);
    const gv = v128.load(gp);
    const lo = f64x2.sub(f64x2.promote_low_f32x4(wv), f64x2.mul(rate, f64x2.promote_low_f32x4(gv)));
    // the high halves moved down, so promote_low reaches them
    const wHigh = i64x2.shuffle(wv, wv, 1, 0);
    const gHigh = i64x2.shuffle(gv, gv, 1, 0);
    const hi = f64x2.sub(f64x2.promote_low_f32x4(wHigh), f64x2.mul(rate, f64x2.promote_low_f32x4(gHigh)));
    v128.store(wp, i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2));
    gp += 16;
  }
  for (let i = 0; i < (count & 3); i++) {
    const at = <usize>i << 2;
    store<f32>(end + at, <f32>(<f64>load<f32>(end + at) - lr * <f64>load<f32>(gp + at)));
  }
}
