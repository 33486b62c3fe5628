// AssemblyScript, not TypeScript: compiled to WebAssembly by scripts/build-kernels.mjs (twice: with
// plain SIMD and with relaxed SIMD, where `f32x4.relaxed_madd` may fuse the multiply-add).
//
// The three matrix products of a dense layer on row-major float32 matrices in linear memory. Every
// product runs the same 4 × 8 register-blocked micro-kernel over packed operands:
//
//   packed A  for a block of 4 output rows, one 16-byte group of 4 values per reduction index
//             (rows past the matrix's end are zeros), skipping indices where all 4 values are 0,
//             plus the list of the indices kept (as byte offsets into a B panel);
//   packed B  for each panel of 8 output columns, one 32-byte group of 8 values per reduction index
//             (columns past the matrix's end are zeros), so the inner loop reads it contiguously.
//
// The micro-kernel keeps the 4 × 8 block of sums in eight f32x4 registers and adds the terms in
// increasing reduction index, starting from the bias, 0, or (accumulating) out's values: every
// output element is that plain sequential float32 sum, s = fl(s + fl(a·b)), whatever the shape or
// the block it falls in (with relaxed SIMD, fl(s + a·b) where the CPU fuses). Skipping a term
// whose 4 values are all 0 changes a sum only if the other operand holds Inf or NaN (or a 0's sign).
//
// No k-blocking: a packed A block (16 bytes per reduction index) stays in L1 while the B panels
// (32 bytes per index, 25 KB for MNIST's 784 inputs) stream from L2; the kernel runs at ~90 % of
// its in-L1 speed on MNIST's shapes.
//
// All pointers are byte addresses chosen by the caller (engine/nn/wasm/wasm-kernels.ts); `scratch`
// must hold scratchBytes(...) bytes and overlap no operand.

/** Output rows per micro-kernel block. */
const MR: i32 = 4;
/** Output columns per micro-kernel block (two f32x4). */
const NR: i32 = 8;

/** Bytes of scratch memory a product with this reduction length and output width needs. */
export function scratchBytes(reduction: i32, outputCols: i32): i32 {
  const panels = (outputCols + NR - 1) / NR;
  // packed B, padded bias, packed A, its index list, one 4 × 8 staging block; each 64-byte aligned
  return align64(panels * reduction * NR * 4) + align64(panels * NR * 4) + align64(reduction * MR * 4) + align64(reduction * 4) + align64(MR * NR * 4);
}

@inline function align64(bytes: i32): i32 {
  return (bytes + 63) & ~63;
}

@inline function fma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** out[m×n] = a[m×k] · b[k×n] (+ bias[n] broadcast over rows when bias ≠ 0). */
export function matmul(a: usize, b: usize, bias: usize, out: usize, m: i32, k: i32, n: i32, scratch: usize): void {
  layOut(scratch, k, n);
  packPanelsFromRows(b, k, n, packedB);
  if (bias != 0) packBias(bias, n, paddedBias);
  for (let i0 = 0; i0 < m; i0 += MR) {
    const rows = min(MR, m - i0);
    const count = packRowBlock(a + <usize>(i0 * k) * 4, k, rows, k, packedA, indexList);
    runBlockRow(count, k, bias != 0 ? START_FROM_BIAS : START_FROM_ZERO, out + <usize>(i0 * n) * 4, n, rows, n);
  }
}

/**
 * out[k×n] = a[m×k]ᵀ · b[m×n]: the weight gradient Xᵀ·dZ. With `accumulate` ≠ 0 the sums start from
 * out's values instead of 0, so a product over rows 0..m₁ then m₁..m equals, bit for bit, the
 * product over all rows at once.
 */
export function matmulTransposeA(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, accumulate: i32, scratch: usize): void {
  layOut(scratch, m, n);
  packPanelsFromRows(b, m, n, packedB);
  for (let p0 = 0; p0 < k; p0 += MR) {
    const rows = min(MR, k - p0);
    const count = packColumnBlock(a + <usize>p0 * 4, k, rows, m, packedA, indexList);
    runBlockRow(count, m, accumulate != 0 ? START_FROM_OUT : START_FROM_ZERO, out + <usize>(p0 * n) * 4, n, rows, n);
  }
}

/** out[m×k] = a[m×n] · b[k×n]ᵀ: the input gradient dZ·Wᵀ. */
export function matmulTransposeB(a: usize, b: usize, out: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  layOut(scratch, n, k);
  packPanelsFromColumns(b, k, n, packedB);
  for (let i0 = 0; i0 < m; i0 += MR) {
    const rows = min(MR, m - i0);
    const count = packRowBlock(a + <usize>(i0 * n) * 4, n, rows, n, packedA, indexList);
    runBlockRow(count, n, START_FROM_ZERO, out + <usize>(i0 * k) * 4, k, rows, k);
  }
}

// Where each scratch array lives (see scratchBytes): set by `layOut` for the product in progress.
let packedB: usize = 0;
let paddedBias: usize = 0;
let packedA: usize = 0;
let indexList: usize = 0;
let staging: usize = 0;

function layOut(scratch: usize, reduction: i32, outputCols: i32): void {
  const panels = (outputCols + NR - 1) / NR;
  packedB = scratch;
  paddedBias = packedB + <usize>align64(panels * reduction * NR * 4);
  packedA = paddedBias + <usize>align64(panels * NR * 4);
  indexList = packedA + <usize>align64(reduction * MR * 4);
  staging = indexList + <usize>align64(reduction * 4);
}

/**
 * One block row of output (`rows` ≤ 4 rows of `cols` columns, row stride `ldo` floats): the packed
 * A block against every panel of packed B.
 */
@inline function runBlockRow(count: i32, reduction: i32, start: i32, out: usize, ldo: i32, rows: i32, cols: i32): void {
  const panelBytes = <usize>(reduction * NR * 4);
  let panel = packedB;
  let bias = paddedBias;
  for (let j0 = 0; j0 < cols; j0 += NR) {
    microKernel(packedA, indexList, count, panel, start, bias, out + <usize>j0 * 4, ldo, rows, min(NR, cols - j0), staging);
    panel += panelBytes;
    bias += <usize>(NR * 4);
  }
}

/** What a block's sums start from: 0, the bias row (broadcast over rows), or out's current values. */
const START_FROM_ZERO: i32 = 0;
const START_FROM_BIAS: i32 = 1;
const START_FROM_OUT: i32 = 2;

/**
 * The 4 × 8 block out[r][c] = s[r][c] + Σₜ packedA[t][r] · panel[index[t]][c] for r < rows,
 * c < cols, the terms added in order, s being 0, bias[c] or out[r][c] as `start` says.
 */
function microKernel(packedA: usize, index: usize, count: i32, panel: usize, start: i32, bias: usize, out: usize, ldo: i32, rows: i32, cols: i32, staging: usize): void {
  const stride = <usize>ldo * 4;
  const full = rows == MR && cols == NR;
  let c00 = f32x4.splat(0);
  let c01 = c00;
  let c10 = c00;
  let c11 = c00;
  let c20 = c00;
  let c21 = c00;
  let c30 = c00;
  let c31 = c00;
  if (start == START_FROM_BIAS) {
    c00 = v128.load(bias);
    c01 = v128.load(bias, 16);
    c10 = c00;
    c11 = c01;
    c20 = c00;
    c21 = c01;
    c30 = c00;
    c31 = c01;
  } else if (start == START_FROM_OUT) {
    let from = out;
    let step = stride;
    if (!full) {
      // An edge block: stage the rows × cols that exist (zeros elsewhere) and start from there.
      memory.fill(staging, 0, MR * NR * 4);
      for (let r = 0; r < rows; r++) {
        const src = out + <usize>r * stride;
        const dst = staging + <usize>(r * NR * 4);
        for (let c = 0; c < cols; c++) store<f32>(dst + (<usize>c << 2), load<f32>(src + (<usize>c << 2)));
      }
      from = staging;
      step = NR * 4;
    }
    c00 = v128.load(from);
    c01 = v128.load(from, 16);
    c10 = v128.load(from + step);
    c11 = v128.load(from + step, 16);
    c20 = v128.load(from + 2 * step);
    c21 = v128.load(from + 2 * step, 16);
    c30 = v128.load(from + 3 * step);
    c31 = v128.load(from + 3 * step, 16);
  }
  let ap = packedA;
  const end = index + (<usize>count << 2);
  for (let ip = index; ip < end; ip += 4) {
    const bp = panel + <usize>load<u32>(ip);
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load32_splat(ap);
    c00 = fma(x, b0, c00);
    c01 = fma(x, b1, c01);
    x = v128.load32_splat(ap, 4);
    c10 = fma(x, b0, c10);
    c11 = fma(x, b1, c11);
    x = v128.load32_splat(ap, 8);
    c20 = fma(x, b0, c20);
    c21 = fma(x, b1, c21);
    x = v128.load32_splat(ap, 12);
    c30 = fma(x, b0, c30);
    c31 = fma(x, b1, c31);
    ap += 16;
  }
  if (full) {
    v128.store(out, c00);
    v128.store(out, c01, 16);
    v128.store(out + stride, c10);
    v128.store(out + stride, c11, 16);
    v128.store(out + 2 * stride, c20);
    v128.store(out + 2 * stride, c21, 16);
    v128.store(out + 3 * stride, c30);
    v128.store(out + 3 * stride, c31, 16);
    return;
  }
  // An edge block: stage it, then copy the rows × cols that exist.
  v128.store(staging, c00);
  v128.store(staging, c01, 16);
  v128.store(staging, c10, 32);
  v128.store(staging, c11, 48);
  v128.store(staging, c20, 64);
  v128.store(staging, c21, 80);
  v128.store(staging, c30, 96);
  v128.store(staging, c31, 112);
  for (let r = 0; r < rows; r++) {
    const from = staging + <usize>(r * NR * 4);
    const to = out + <usize>r * stride;
    for (let c = 0; c < cols; c++) store<f32>(to + (<usize>c << 2), load<f32>(from + (<usize>c << 2)));
  }
}

/**
 * Packs rows 0..rows-1 (rows ≤ 4, row stride `lda` floats) of `src` over reduction indices
 * 0..reduction-1: for each index whose 4 values are not all zero, the 4 values (zeros for missing
 * rows) and the index as a byte offset into a B panel. Returns how many indices were kept.
 */
function packRowBlock(src: usize, lda: i32, rows: i32, reduction: i32, packedA: usize, index: usize): i32 {
  const stride = <usize>lda * 4;
  const r0 = src;
  const r1 = rows > 1 ? src + stride : 0;
  const r2 = rows > 2 ? src + 2 * stride : 0;
  const r3 = rows > 3 ? src + 3 * stride : 0;
  let count = 0;
  let dst = packedA;
  let ip = index;
  if (rows == MR) {
    // Four reduction indices at a time: load 4 values from each row, transpose the 4 × 4 block
    // so each vector holds one index's 4 values, and keep it unless all four are 0 (branch-free:
    // the vector is always written, the write position advances only when it is kept).
    let p = 0;
    for (; p + 4 <= reduction; p += 4) {
      const at = <usize>p << 2;
      const x0 = v128.load(r0 + at);
      const x1 = v128.load(r1 + at);
      const x2 = v128.load(r2 + at);
      const x3 = v128.load(r3 + at);
      const lo01 = i32x4.shuffle(x0, x1, 0, 4, 1, 5); // x0[0] x1[0] x0[1] x1[1]
      const lo23 = i32x4.shuffle(x2, x3, 0, 4, 1, 5);
      const hi01 = i32x4.shuffle(x0, x1, 2, 6, 3, 7);
      const hi23 = i32x4.shuffle(x2, x3, 2, 6, 3, 7);
      const offset = <u32>(p * NR * 4);
      let kept = keep(i64x2.shuffle(lo01, lo23, 0, 2), offset, dst, ip);
      dst += kept << 4;
      ip += kept << 2;
      count += <i32>kept;
      kept = keep(i64x2.shuffle(lo01, lo23, 1, 3), offset + NR * 4, dst, ip);
      dst += kept << 4;
      ip += kept << 2;
      count += <i32>kept;
      kept = keep(i64x2.shuffle(hi01, hi23, 0, 2), offset + 2 * NR * 4, dst, ip);
      dst += kept << 4;
      ip += kept << 2;
      count += <i32>kept;
      kept = keep(i64x2.shuffle(hi01, hi23, 1, 3), offset + 3 * NR * 4, dst, ip);
      dst += kept << 4;
      ip += kept << 2;
      count += <i32>kept;
    }
    for (; p < reduction; p++) {
      const at = <usize>p << 2;
      let x = f32x4.splat(load<f32>(r0 + at));
      x = f32x4.replace_lane(x, 1, load<f32>(r1 + at));
      x = f32x4.replace_lane(x, 2, load<f32>(r2 + at));
      x = f32x4.replace_lane(x, 3, load<f32>(r3 + at));
      const kept = keep(x, <u32>(p * NR * 4), dst, ip);
      dst += kept << 4;
      ip += kept << 2;
      count += <i32>kept;
    }
    return count;
  }
  for (let p = 0; p < reduction; p++) {
    const at = <usize>p << 2;
    const x0 = load<f32>(r0 + at);
    const x1 = rows > 1 ? load<f32>(r1 + at) : 0;
    const x2 = rows > 2 ? load<f32>(r2 + at) : 0;
    if (x0 == 0 && x1 == 0 && x2 == 0) continue;
    store<f32>(dst, x0);
    store<f32>(dst, x1, 4);
    store<f32>(dst, x2, 8);
    store<f32>(dst, 0, 12);
    store<u32>(ip, <u32>(p * NR * 4));
    dst += 16;
    ip += 4;
    count++;
  }
  return count;
}

/**
 * Packs columns 0..cols-1 (cols ≤ 4) of the row-major `src` (row stride `lda` floats) over its
 * rows 0..reduction-1, the transposed view: for each row whose cols values are not all zero, those
 * values (zeros for missing columns) and the row as a byte offset into a B panel.
 */
function packColumnBlock(src: usize, lda: i32, cols: i32, reduction: i32, packedA: usize, index: usize): i32 {
  const stride = <usize>lda * 4;
  let count = 0;
  let dst = packedA;
  let ip = index;
  let row = src;
  if (cols == MR) {
    for (let p = 0; p < reduction; p++) {
      const kept = keep(v128.load(row), <u32>(p * NR * 4), dst, ip);
      row += stride;
      dst += kept << 4;
      ip += kept << 2;
      count += <i32>kept;
    }
    return count;
  }
  for (let p = 0; p < reduction; p++) {
    const x0 = load<f32>(row);
    const x1 = cols > 1 ? load<f32>(row, 4) : 0;
    const x2 = cols > 2 ? load<f32>(row, 8) : 0;
    row += stride;
    if (x0 == 0 && x1 == 0 && x2 == 0) continue;
    store<f32>(dst, x0);
    store<f32>(dst, x1, 4);
    store<f32>(dst, x2, 8);
    store<f32>(dst, 0, 12);
    store<u32>(ip, <u32>(p * NR * 4));
    dst += 16;
    ip += 4;
    count++;
  }
  return count;
}

/**
 * Writes one reduction index's 4 values and its B-panel byte offset at dst and ip; returns 1 when
 * they are to be kept (some value is not 0: NaN counts as not 0), 0 when the next write may
 * overwrite them.
 */
@inline function keep(values: v128, offset: u32, dst: usize, ip: usize): usize {
  v128.store(dst, values);
  store<u32>(ip, offset);
  return <usize>v128.any_true(f32x4.ne(values, f32x4.splat(0)));
}

/**
 * Packs the row-major src[reduction × cols] into panels of 8 columns: panel j holds, for each
 * reduction index p, src[p][8j .. 8j+7] (zeros past the last column).
 */
function packPanelsFromRows(src: usize, reduction: i32, cols: i32, packedB: usize): void {
  const fullPanels = cols / NR;
  const rest = cols - fullPanels * NR;
  const rowBytes = <usize>cols * 4;
  let dst = packedB;
  for (let j = 0; j < fullPanels; j++) {
    let from = src + <usize>(j * NR) * 4;
    for (let p = 0; p < reduction; p++) {
      v128.store(dst, v128.load(from));
      v128.store(dst, v128.load(from, 16), 16);
      from += rowBytes;
      dst += NR * 4;
    }
  }
  if (rest == 0) return;
  let from = src + <usize>(fullPanels * NR) * 4;
  for (let p = 0; p < reduction; p++) {
    v128.store(dst, f32x4.splat(0));
    v128.store(dst, f32x4.splat(0), 16);
    for (let c = 0; c < rest; c++) store<f32>(dst + (<usize>c << 2), load<f32>(from + (<usize>c << 2)));
    from += rowBytes;
    dst += NR * 4;
  }
}

/**
 * Packs the transposed view of the row-major src[cols × reduction] (the B of a·Bᵀ) into panels of 8
 * columns: panel j holds, for each reduction index p, src[8j .. 8j+7][p] (zeros past the last row).
 */
function packPanelsFromColumns(src: usize, cols: i32, reduction: i32, packedB: usize): void {
  const rowBytes = <usize>reduction * 4;
  const panelBytes = <usize>(reduction * NR * 4);
  for (let j0 = 0; j0 < cols; j0 += NR) {
    const panel = packedB + <usize>(j0 / NR) * panelBytes;
    const width = min(NR, cols - j0);
    if (width < NR) memory.fill(panel, 0, panelBytes);
    for (let c = 0; c < width; c++) {
      let from = src + <usize>(j0 + c) * rowBytes;
      let to = panel + (<usize>c << 2);
      for (let p = 0; p < reduction; p++) {
        store<f32>(to, load<f32>(from));
        from += 4;
        to += NR * 4;
      }
    }
  }
}

/** Copies bias[n] and zero-pads it to a whole number of 8-column panels. */
function packBias(bias: usize, n: i32, dst: usize): void {
  const padded = ((n + NR - 1) / NR) * NR;
  memory.fill(dst + (<usize>n << 2), 0, <usize>(padded - n) * 4);
  memory.copy(dst, bias, <usize>n << 2);
}

/** The first byte past the module's static data: the caller's operands and scratch go from here. */
export function heapBase(): usize {
  return __heap_base;
}
