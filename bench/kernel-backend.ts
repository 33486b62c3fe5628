import { availableKernelBackends, kernelBackend, setKernelBackend, type KernelBackendChoice } from '../engine/nn/kernel-backend';

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
  /** Puts back the backend that was current before the bench switched. */
  restore(): Promise<void>;
}

/**
 * The rows to measure: the TypeScript path and WebAssembly ('wasm': the engine's best variant);
 * when more than one WebAssembly variant is available (relaxed SIMD on Node 22+ or Electron), each
 * of them.
 */
function candidates(): { choice: KernelBackendChoice; label: string }[] {
  const wasmVariants = availableKernelBackends().filter((b) => b !== 'typescript');
  const typescript = { choice: 'typescript' as const, label: 'engine (TS path)' };
  if (wasmVariants.length > 1) return [typescript, ...wasmVariants.map((v) => ({ choice: v, label: `engine (${v.replace(/^wasm-/, 'WASM ')})` }))];
  return [typescript, { choice: 'wasm', label: 'engine (WASM)' }];
}

/**
 * One row per kernel backend this thread can run (a backend whose switch throws is left out, with
 * a note), switched with setKernelBackend.
 */
export async function engineKernels(): Promise<EngineKernels> {
  const initial = kernelBackend();
  const notes: string[] = [];
  const impls: EngineImpl[] = [];
  for (const { choice, label } of candidates()) {
    try {
      const inUse = setKernelBackend(choice);
      impls.push({ label, activate: async () => void setKernelBackend(choice) });
      if (inUse !== choice) notes.push(`${label}: setKernelBackend('${choice}') runs ${inUse}.`);
    } catch (error) {
      notes.push(`${label} is not measured: setKernelBackend('${choice}') failed: ${(error as Error).message}`);
    }
  }
  const restore = async () => void setKernelBackend(initial);
  await restore();
  return { impls, notes, restore };
}
