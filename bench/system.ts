import { existsSync, readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { ENGINE_VERSION } from '../engine/version';

/** The machine and runtimes the numbers were taken on (the README records results with it). */
export interface SystemInfo {
  cpu: string;
  logicalCores: number;
  availableParallelism: number;
  /** x86 vector extensions the numbers depend on (Linux: from /proc/cpuinfo), e.g. "avx2 fma avx512f". */
  vectorFlags: string | null;
  memoryGB: number;
  os: string;
  node: string;
  v8: string;
  engineVersion: string;
}

function x86VectorFlags(): string | null {
  if (!existsSync('/proc/cpuinfo')) return null;
  const flagsLine = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((line) => line.startsWith('flags'));
  if (flagsLine === undefined) return null;
  const flags = new Set(flagsLine.split(':')[1]!.trim().split(/\s+/));
  return ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512vl'].filter((f) => flags.has(f)).join(' ') || null;
}

export function systemInfo(): SystemInfo {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    logicalCores: cores.length,
    availableParallelism: availableParallelism(),
    vectorFlags: x86VectorFlags(),
    memoryGB: totalmem() / 1024 ** 3,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    engineVersion: ENGINE_VERSION,
  };
}

/** The machine as lines of text for the report's header. */
export function describeSystem(info: SystemInfo, extra: readonly string[]): string[] {
  return [
    `machine: ${info.cpu}, ${info.logicalCores} logical cores (availableParallelism ${info.availableParallelism})${info.vectorFlags ? `, ${info.vectorFlags}` : ''}, ${info.memoryGB.toFixed(1)} GB RAM`,
    `runtime: Node ${info.node} (V8 ${info.v8}) on ${info.os}; NN Lab engine ${info.engineVersion}`,
    ...extra,
  ];
}

/**
 * A line about other load on the machine (the 1-minute load average before the bench starts its
 * own work), with a warning when something else is using a core: every timing here assumes an idle
 * machine, and parallel scaling most of all.
 */
export function loadLine(): string {
  const [oneMinute] = loadavg();
  const load = oneMinute ?? 0;
  const busy = load > 0.5;
  return `load average (1 min) at start: ${load.toFixed(2)}${busy ? ' — WARNING: something else is using the CPU; timings (above all the concurrency ratio) will be off' : ' (idle)'}`;
}
