/**
 * The code behind each long task (`npm run bench -- --only ui --profile`): the samples of a
 * Chromium CPU profile (DevTools protocol `Profiler`) that fall inside a long task, summed per
 * function. Pure, so it is tested without a browser (test/bench/cpu-profile-attribution.test.ts).
 */

/** A function's place in a built script, as the profile gives it (0-based line and column). */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** The DevTools protocol's Profiler.Profile, the fields used here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function is, for a reader: "renderer/src/lib/charts/chart-queue.ts:42", and whether it is the app's own code. */
export interface FrameOrigin {
  where: string;
  own: boolean;
}

/** One long task and the functions its samples were in. */
export interface TaskAttribution {
  start: number;
  duration: number;
  /** Milliseconds sampled inside the task (the sampler's interval limits what a short task shows). */
  sampledMs: number;
  /** The outermost frame of the page's scripts: what the browser called (a handler, a timer, a frame callback). */
  entry: FunctionTime[];
  /** The deepest frame of the app's own code (not a library's): the app code behind the time. */
  ownCode: FunctionTime[];
  /** The innermost frame: where the time went (a library function, the garbage collector, layout). */
  self: FunctionTime[];
}

export interface FunctionTime {
  label: string;
  ms: number;
}

/** Names the profiler gives to time outside any script: "(garbage collector)", "(program)", "(idle)", "(root)". */
function isSpecial(frame: CallFrame): boolean {
  return frame.url === '' && frame.functionName.startsWith('(');
}

/** The name of the function the bench runs first in a profile, to tie the profile's clock to the page's. */
export const ANCHOR_FUNCTION = '__nnlabProfileAnchor';

/** Script for page.evaluate: runs the anchor for 20 ms and returns its performance.now() at start. */
export const ANCHOR_SCRIPT = `(function ${ANCHOR_FUNCTION}() { const t = performance.now(); while (performance.now() - t < 20); return t; })()`;

/**
 * The most one sample stands for (μs). On a loaded machine the sampler's own thread waits for a
 * core, and the gap after a sample can be 50 ms or more: counting all of it to that one function
 * blamed code that merely happened to be sampled last. What is not counted shows as the
 * difference between a task's length and its sampled time.
 */
export const MAX_SAMPLE_US = 4000;

/** Sample times in the profile's clock (microseconds) and, per sample, the time it stands for. */
function sampleTimes(profile: CpuProfile): { at: number[]; weight: number[] } {
  const at: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) at.push((t += delta));
  const weight = at.map((time, i) => (i + 1 < at.length ? Math.min(MAX_SAMPLE_US, at[i + 1]! - time) : 0));
  return { at, weight };
}

/**
 * The profile's clock (μs) at the page's performance.now() = 0, from the first sample inside the
 * anchor function, which started at `anchorPageMs`; null when no sample caught it.
 */
export function profileOffset(profile: CpuProfile, anchorPageMs: number): number | null {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parents(profile);
  const { at } = sampleTimes(profile);
  for (let i = 0; i < profile.samples.length; i++) {
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      if (byId.get(id)?.callFrame.functionName === ANCHOR_FUNCTION) return at[i]! - anchorPageMs * 1000;
    }
  }
  return null;
}

function parents(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return parent;
}

function top(times: Map<string, number>, count: number): FunctionTime[] {
  return [...times.entries()]
    .map(([label, us]) => ({ label, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

function add(times: Map<string, number>, label: string, us: number): void {
  times.set(label, (times.get(label) ?? 0) + us);
}

/**
 * For each task (start and duration in the page's performance.now() ms), the functions its samples
 * were in: `count` of each kind, longest first. `origin` says where a frame is (source-mapped where
 * the build has maps); `offsetUs` comes from profileOffset.
 */
export function attributeTasks(
  profile: CpuProfile,
  tasks: readonly { start: number; duration: number }[],
  offsetUs: number,
  origin: (frame: CallFrame) => FrameOrigin,
  count = 3,
): TaskAttribution[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parents(profile);
  const { at, weight } = sampleTimes(profile);
  const labels = new Map<number, { label: string; own: boolean; special: boolean }>();
  const labelOf = (id: number) => {
    let known = labels.get(id);
    if (known === undefined) {
      const frame = byId.get(id)!.callFrame;
      const special = isSpecial(frame);
      const place = special ? null : origin(frame);
      const label = special ? frame.functionName : `${frame.functionName || '(anonymous)'} (${place!.where})`;
      known = { label, own: place?.own ?? false, special };
      labels.set(id, known);
    }
    return known;
  };
  return tasks.map((task) => {
    const from = offsetUs + task.start * 1000;
    const to = from + task.duration * 1000;
    const entry = new Map<string, number>();
    const ownCode = new Map<string, number>();
    const self = new Map<string, number>();
    let sampled = 0;
    for (let i = 0; i < at.length; i++) {
      if (at[i]! < from || at[i]! >= to) continue;
      const us = weight[i]!;
      sampled += us;
      const leaf = labelOf(profile.samples[i]!);
      add(self, leaf.label, us);
      let outermost: string | null = null;
      let deepestOwn: string | null = null;
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const frame = labelOf(id);
        if (frame.special) continue;
        outermost = frame.label;
        if (deepestOwn === null && frame.own) deepestOwn = frame.label;
      }
      add(entry, outermost ?? leaf.label, us);
      add(ownCode, deepestOwn ?? leaf.label, us);
    }
    return { start: task.start, duration: task.duration, sampledMs: sampled / 1000, entry: top(entry, count), ownCode: top(ownCode, count), self: top(self, count) };
  });
}

/** "setOption (node_modules/echarts/…/echarts.js:1234) 40 ms; …" for a report's table cell. */
export function formatTimes(times: readonly FunctionTime[]): string {
  return times.map((t) => `${t.label} ${t.ms.toFixed(0)} ms`).join('; ') || '—';
}
