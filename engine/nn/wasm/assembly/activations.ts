// AssemblyScript, not TypeScript: compiled to WebAssembly by scripts/build-kernels.mjs.
//
// The element-wise steps that cost more than the matrix products around them when written with
// Math.exp: the logistic sigmoid and its derivative, four float32 lanes at a time. Pointers are
// byte addresses of float32 arrays in linear memory, 16-byte aligned, chosen by the caller
// (engine/nn/wasm/wasm-kernels.ts); an output may be the same array as an input.

const LOG2E: f32 = 1.44269504088896341;
// ln 2 split in two (Cody and Waite), so n·ln2 is subtracted without rounding error for |n| ≤ 150.
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** Below this e^x is under half the smallest float32 subnormal: it rounds to 0. */
const EXP_MIN_ARGUMENT: f32 = -104;

/**
 * e^x for x ≤ 0 (NaN stays NaN), within ~2 ulp of the float32 result, subnormals included:
 * x = n·ln2 + r with |r| ≤ ln2/2, e^r from a degree-7 polynomial (Cephes' expf coefficients), then
 * times 2ⁿ as two powers of two so that 2ⁿ below the normal range still scales correctly.
 */
@inline function expNonPositive(x: v128): v128 {
  x = f32x4.max(x, f32x4.splat(EXP_MIN_ARGUMENT));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
  const ni = i32x4.trunc_sat_f32x4_s(n); // in [-150, 0]
  const half = i32x4.shr_s(ni, 1);
  const rest = i32x4.sub(ni, half);
  const scale1 = i32x4.shl(i32x4.add(half, i32x4.splat(127)), 23);
  const scale2 = i32x4.shl(i32x4.add(rest, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, scale1), scale2);
}

/**
 * out[i] = σ(z[i]) = 1/(1 + e^(−z)) for i < count, through e = e^(−|z|) so nothing overflows:
 * 1/(1+e) for z ≥ 0, e·(1/(1+e)) below (which keeps tiny outputs' relative accuracy).
 */
export function sigmoid(z: usize, out: usize, count: i32): void {
  const end = z + (<usize>(count & ~3) << 2);
  let to = out;
  for (let from = z; from < end; from += 16) {
    v128.store(to, sigmoid4(v128.load(from)));
    to += 16;
  }
  const rest = count & 3;
  if (rest == 0) return;
  // The last 1-3 values through the same lanes (the unused lanes compute garbage, never stored).
  let x = f32x4.splat(0);
  for (let i = 0; i < rest; i++) x = setLane(x, i, load<f32>(end + (<usize>i << 2)));
  const y = sigmoid4(x);
  for (let i = 0; i < rest; i++) store<f32>(to + (<usize>i << 2), getLane(y, i));
}

@inline function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1);
  const e = expNonPositive(f32x4.neg(f32x4.abs(x)));
  const r = f32x4.div(one, f32x4.add(one, e));
  return v128.bitselect(r, f32x4.mul(e, r), f32x4.ge(x, f32x4.splat(0)));
}

/**
 * dz[i] = da[i] · s[i] · (1 − s[i]) for i < count, s = σ(z) from the forward pass: in float64,
 * rounded to float32 once, exactly as the TypeScript loop computes it.
 */
export function sigmoidBackward(s: usize, da: usize, dz: usize, count: i32): void {
  const one = f64x2.splat(1);
  const end = s + (<usize>(count & ~3) << 2);
  let g = da;
  let to = dz;
  for (let from = s; from < end; from += 16) {
    const sv = v128.load(from);
    const gv = v128.load(g);
    const sLo = f64x2.promote_low_f32x4(sv);
    const sHi = f64x2.promote_low_f32x4(high(sv));
    const lo = f64x2.mul(f64x2.mul(f64x2.promote_low_f32x4(gv), sLo), f64x2.sub(one, sLo));
    const hi = f64x2.mul(f64x2.mul(f64x2.promote_low_f32x4(high(gv)), sHi), f64x2.sub(one, sHi));
    v128.store(to, demote(lo, hi));
    g += 16;
    to += 16;
  }
  for (let i = 0; i < (count & 3); i++) {
    const at = <usize>i << 2;
    const v = <f64>load<f32>(end + at);
    store<f32>(to + at, <f32>(<f64>load<f32>(g + at) * v * (1 - v)));
  }
}

/**
 * out[i] = tanh(z[i]) for i < count, within ~3 ulp of the float32 result: x + x³·P(x²) for
 * |x| < 0.625 (Cephes' tanhf coefficients: no cancellation near 0), else
 * sign(x)·(1 − e)/(1 + e) with e = e^(−2|x|).
 */
export function tanh(z: usize, out: usize, count: i32): void {
  const end = z + (<usize>(count & ~3) << 2);
  let to = out;
  for (let from = z; from < end; from += 16) {
    v128.store(to, tanh4(v128.load(from)));
    to += 16;
  }
  const rest = count & 3;
  if (rest == 0) return;
  let x = f32x4.splat(0);
  for (let i = 0; i < rest; i++) x = setLane(x, i, load<f32>(end + (<usize>i << 2)));
  const y = tanh4(x);
  for (let i = 0; i < rest; i++) store<f32>(to + (<usize>i << 2), getLane(y, i));
}

@inline function tanh4(x: v128): v128 {
  const one = f32x4.splat(1);
  const magnitude = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), magnitude), magnitude);
  const e = expNonPositive(f32x4.mul(magnitude, f32x4.splat(-2)));
  const large = f32x4.div(f32x4.sub(one, e), f32x4.add(one, e));
  // Both branches work on |x|; x's sign goes back on at the end (so tanh(−0) = −0; NaN stays NaN).
  const result = v128.bitselect(small, large, f32x4.lt(magnitude, f32x4.splat(0.625)));
  return v128.or(result, v128.and(x, f32x4.splat(-0.0)));
}

/** dz[i] = da[i] · (1 − t[i]²) for i < count, t = tanh(z): in float64, rounded once, as the TypeScript loop. */
export function tanhBackward(t: usize, da: usize, dz: usize, count: i32): void {
  const one = f64x2.splat(1);
  const end = t + (<usize>(count & ~3) << 2);
  let g = da;
  let to = dz;
  for (let from = t; from < end; from += 16) {
    const tv = v128.load(from);
    const gv = v128.load(g);
    const tLo = f64x2.promote_low_f32x4(tv);
    const tHi = f64x2.promote_low_f32x4(high(tv));
    const lo = f64x2.mul(f64x2.promote_low_f32x4(gv), f64x2.sub(one, f64x2.mul(tLo, tLo)));
    const hi = f64x2.mul(f64x2.promote_low_f32x4(high(gv)), f64x2.sub(one, f64x2.mul(tHi, tHi)));
    v128.store(to, demote(lo, hi));
    g += 16;
    to += 16;
  }
  for (let i = 0; i < (count & 3); i++) {
    const at = <usize>i << 2;
    const v = <f64>load<f32>(end + at);
    store<f32>(to + at, <f32>(<f64>load<f32>(g + at) * (1 - v * v)));
  }
}

/** Lanes 2 and 3 moved to 0 and 1 (for promote_low). */
@inline function high(x: v128): v128 {
  return i64x2.shuffle(x, x, 1, 0);
}

/** Two f64x2 rounded to float32 and packed into one f32x4, lo's lanes first. */
@inline function demote(lo: v128, hi: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

@inline function setLane(x: v128, lane: i32, value: f32): v128 {
  if (lane == 0) return f32x4.replace_lane(x, 0, value);
  if (lane == 1) return f32x4.replace_lane(x, 1, value);
  return f32x4.replace_lane(x, 2, value);
}

@inline function getLane(x: v128, lane: i32): f32 {
  if (lane == 0) return f32x4.extract_lane(x, 0);
  if (lane == 1) return f32x4.extract_lane(x, 1);
  return f32x4.extract_lane(x, 2);
}

/** out[i] = z[i] > 0 ? z[i] : 0 for i < count (NaN and −0 give +0, as the TypeScript version). */
export function relu(z: usize, out: usize, count: i32): void {
  const zero = f32x4.splat(0);
  const end = z + (<usize>(count & ~3) << 2);
  let to = out;
  for (let from = z; from < end; from += 16) {
    const v = v128.load(from);
    v128.store(to, v128.and(v, f32x4.gt(v, zero)));
    to += 16;
  }
  for (let i = 0; i < (count & 3); i++) {
    const at = <usize>i << 2;
    const v = load<f32>(end + at);
    store<f32>(to + at, v > 0 ? v : 0);
  }
}

/** dz[i] = z[i] > 0 ? da[i] : 0 for i < count. */
export function reluBackward(z: usize, da: usize, dz: usize, count: i32): void {
  const zero = f32x4.splat(0);
  const end = z + (<usize>(count & ~3) << 2);
  let g = da;
  let to = dz;
  for (let from = z; from < end; from += 16) {
    v128.store(to, v128.and(v128.load(g), f32x4.gt(v128.load(from), zero)));
    g += 16;
    to += 16;
  }
  for (let i = 0; i < (count & 3); i++) {
    const at = <usize>i << 2;
    store<f32>(to + at, load<f32>(end + at) > 0 ? load<f32>(g + at) : 0);
  }
}
