import * as matmulModule from '../engine/nn/kernel-backend';

/** An engine implementation to measure: which kernels, and how to make them the current ones. */
export interface EngineImpl {
  /** The table's impl column. */
  label: string;
  /** Makes this implementation's kernels current (in this thread). */
  activate(): Promise<void>;
}

/** What the bench found about the engine's kernels: the implementations to measure, and notes for the report. */
export interface EngineKernels {
  impls: EngineImpl[];
  notes: string[];
  /** Puts back the backend that was current before the bench switched (when the engine says which). */
  restore(): Promise<void>;
}

interface KernelSwitch {
  set: (choice: string) => unknown;
  /** The backend in use (kernelBackend or getKernelBackend), when the engine exports one. */
  get: (() => unknown) | null;
  /** The backends this thread can run (availableKernelBackends), when the engine exports it. */
  available: (() => unknown) | null;
}

/**
 * The engine's kernel switch, if this engine version has one: `setKernelBackend('typescript' |
 * 'wasm' | …)` in engine/nn/matmul.ts, with an optional getter and list of available backends.
 * Looked up at run time, so the bench compiles and runs with or without it.
 */
function kernelSwitch(): KernelSwitch | null {
  const exports = matmulModule as unknown as Record<string, unknown>;
  const fn = (name: string) => (typeof exports[name] === 'function' ? (exports[name] as (...args: unknown[]) => unknown) : null);
  const set = fn('setKernelBackend');
  if (set === null) return null;
  return { set: (choice) => set(choice), get: fn('kernelBackend') ?? fn('getKernelBackend'), available: fn('availableKernelBackends') };
}

/** The engine's current kernel backend in this thread when the engine can say, else null. */
export function currentKernelBackend(): string | null {
  const value = kernelSwitch()?.get?.();
  return typeof value === 'string' ? value : null;
}

/**
 * The rows to measure: the TypeScript path and WebAssembly ('wasm': the engine's best variant);
 * when the engine lists more than one WebAssembly variant as available (relaxed SIMD on Node 22+
 * or Electron), each of them.
 */
function candidates(found: KernelSwitch): { choice: string; label: string }[] {
  const listed = found.available?.();
  const wasmVariants = Array.isArray(listed) ? listed.filter((b): b is string => typeof b === 'string' && b.startsWith('wasm')) : [];
  if (wasmVariants.length > 1) {
    return [{ choice: 'typescript', label: 'engine (TS path)' }, ...wasmVariants.map((v) => ({ choice: v, label: `engine (${v.replace(/^wasm-/, 'WASM ')})` }))];
  }
  return [
    { choice: 'typescript', label: 'engine (TS path)' },
    { choice: 'wasm', label: 'engine (WASM)' },
  ];
}

/**
 * The engine implementations this engine offers: one row per kernel backend through
 * setKernelBackend when it exists (a backend whose switch throws is left out, with a note), else
 * one "engine (current kernels)" row.
 */
export async function engineKernels(): Promise<EngineKernels> {
  const found = kernelSwitch();
  if (found === null) {
    return {
      impls: [{ label: 'engine (current kernels)', activate: async () => {} }],
      notes: ['engine/nn/matmul.ts exports no setKernelBackend: one engine row, its kernels as they are.'],
      restore: async () => {},
    };
  }
  const initial = currentKernelBackend();
  const notes: string[] = [];
  const impls: EngineImpl[] = [];
  for (const { choice, label } of candidates(found)) {
    try {
      const inUse = await Promise.resolve(found.set(choice));
      impls.push({ label, activate: async () => void (await Promise.resolve(found.set(choice))) });
      if (typeof inUse === 'string' && inUse !== choice) notes.push(`${label}: setKernelBackend('${choice}') runs ${inUse}.`);
    } catch (error) {
      notes.push(`${label} is not measured: setKernelBackend('${choice}') failed: ${(error as Error).message}`);
    }
  }
  const restore = async () => {
    if (initial !== null) await Promise.resolve(found.set(initial));
  };
  await restore();
  return { impls, notes, restore };
}
