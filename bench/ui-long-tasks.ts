/**
 * The UI section of `npm run bench -- --only ui` (issue 15, "responsive while it works"): the
 * built app in the browser host, on a temp history, driven by Playwright in the system Chromium.
 * A PerformanceObserver installed before the page's own scripts records every main-thread task of
 * 50 ms or more (`longtask`) and, where Chromium has them, the long animation frames with the
 * scripts that ran in them (`long-animation-frame`: who is to blame). Two scenarios:
 * - csv: a generated 50,000-point CSV loaded through the file input, the preview drawn and a run
 *   started on it (the spec with 50,000 inline points validated and sent);
 * - training: four runs at once (two 10 × 256 MNIST subsets, two 2-D) while the screens are
 *   switched again and again (history, compare, replay, labs, walkthrough, build and its run tabs).
 * It builds nothing: run `npm run build` first (it says so when out/ is missing).
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../scripts/find-browser.mjs';
import { attributeTasks, formatTimes, type TaskAttribution } from './cpu-profile-attribution';
import { builtScriptOrigins, PageProfiler, type WindowProfile } from './page-profiler';
import { startHost } from '../test/e2e/start-host';
import { summarizeScenario, TASK_LIMIT_MS, within, type PageLongTasks, type ScenarioSummary } from './long-task-summary';
import { valueMeasurement, type SectionResult } from './report';
import { progress } from './timing';

/** How much the section does. */
export interface UiPlan {
  /** Loads of the 50,000-point file, each on a fresh page. */
  csvRepetitions: number;
  /** Rounds of screen switching while the four runs train. */
  switchRounds: number;
  /** CPU-profile each measured window and name the code behind its longest tasks (`--profile`). */
  profile: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RENDERER_DIR = join(ROOT, 'out', 'renderer');
const CSV_POINTS = 50_000;
/** Long tasks named per scenario under --profile, longest first. */
const PROFILED_TASKS = 6;

/** Runs in the page before its own scripts: records long tasks and long animation frames. */
const OBSERVE = `(() => {
  const recorded = { tasks: [], frames: [] };
  window.__nnlabLongTasks = recorded;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) recorded.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        recorded.frames.push({
          start: e.startTime,
          duration: e.duration,
          scripts: e.scripts.map((s) => ({ invoker: s.invoker, sourceURL: s.sourceURL, sourceFunctionName: s.sourceFunctionName, duration: s.duration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
})();`;

/** Two classes in two overlapping clouds, the same file every time. */
function pointsCsv(count: number): string {
  const rows = ['x1,x2,label'];
  let state = 12345;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    rows.push(`${(random() * 4 - 2 + label).toFixed(4)},${(random() * 4 - 2 - label).toFixed(4)},${label}`);
  }
  return `${rows.join('\n')}\n`;
}

async function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

async function recorded(page: Page, from: number, to: number): Promise<PageLongTasks> {
  const all = (await page.evaluate('window.__nnlabLongTasks')) as PageLongTasks;
  return within(all, from, to);
}

async function freshPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await page.getByTestId('start').waitFor({ state: 'visible' });
  await page.waitForTimeout(1000);
}

/** What one measured window recorded: its long tasks and, under --profile, its CPU profile. */
interface Recording {
  tasks: PageLongTasks;
  profile: WindowProfile | null;
}

/** Records the long tasks (and the CPU profile) of what `work` does in the page. */
async function measured(page: Page, profiler: PageProfiler | null, work: () => Promise<void>): Promise<Recording> {
  const anchor = profiler === null ? 0 : await profiler.start(page);
  const from = await now(page);
  await work();
  const to = await now(page);
  const profile = profiler === null ? null : await profiler.stop(anchor);
  return { tasks: await recorded(page, from, to), profile };
}

/** Loads the file, waits for its count, starts a run on it, then stops that run. */
async function csvScenario(page: Page, url: string, file: string, profiler: PageProfiler | null): Promise<Recording> {
  await freshPage(page, url);
  const recording = await measured(page, profiler, async () => {
    await page.getByTestId('csv-input').setInputFiles(file);
    await page.getByTestId('csv-message').filter({ hasText: /50,?000/ }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.getByTestId('start').click();
    await page.getByTestId('run-state').filter({ hasText: '학습 중' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
  });
  await page.getByTestId('stop').click();
  await page.getByTestId('run-state').filter({ hasText: '중지됨' }).waitFor({ timeout: 60_000 });
  return recording;
}

/** The longest tasks of a scenario's recordings with the code behind each (none without profiles). */
function profiledTasks(recordings: readonly Recording[], origin: ReturnType<typeof builtScriptOrigins>): (TaskAttribution & { repetition: number })[] {
  const candidates = recordings
    .flatMap((r, repetition) => r.tasks.tasks.map((task) => ({ task, repetition })))
    .sort((a, b) => b.task.duration - a.task.duration)
    .slice(0, PROFILED_TASKS);
  return candidates.flatMap(({ task, repetition }) => {
    const window = recordings[repetition]!.profile;
    if (window === null || window.offsetUs === null) return [];
    return attributeTasks(window.profile, [task], window.offsetUs, origin).map((a) => ({ ...a, repetition }));
  });
}

/** Writes each window's profile where DevTools' Performance panel can load it. */
function saveProfiles(dir: string, scenario: string, recordings: readonly Recording[]): void {
  recordings.forEach((r, i) => {
    if (r.profile !== null) writeFileSync(join(dir, `${scenario}-${i + 1}.cpuprofile`), JSON.stringify(r.profile.profile));
  });
}

/** Two short runs to the end, so the history has something to compare and replay. */
async function finishedRuns(page: Page): Promise<void> {
  await page.getByTestId('epochs').fill('20');
  await page.getByTestId('start').click();
  await page.getByTestId('activation-0').selectOption('relu');
  await page.getByTestId('start').click();
  for (const tab of await page.getByTestId('run-tab').all()) {
    await tab.click();
    await page.getByTestId('run-state').filter({ hasText: '완료' }).waitFor({ timeout: 120_000 });
  }
}

/** Two long 2-D runs and two 10 × 256 MNIST runs on 2,000 images, all training when it returns. */
async function fourRuns(page: Page): Promise<void> {
  await page.getByTestId('dataset-circle').click();
  await page.getByTestId('epochs').fill('4000');
  await page.getByTestId('activation-0').selectOption('tanh');
  await page.getByTestId('start').click();
  await page.getByTestId('activation-0').selectOption('sigmoid');
  await page.getByTestId('start').click();
  await page.getByTestId('dataset-mnist').click();
  await page.getByTestId('mnist-train-size').fill('2000');
  await page.getByLabel('시험 이미지 수').fill('500');
  await page.getByTestId('epochs').fill('1000');
  for (let i = 0; i < 8; i++) await page.getByTestId('add-layer').click();
  for (let i = 0; i < 10; i++) await page.getByTestId(`units-${i}`).fill('256');
  await page.getByTestId('activation-0').selectOption('relu');
  await page.getByTestId('start').click();
  await page.getByTestId('activation-0').selectOption('tanh');
  await page.getByTestId('start').click();
  await page.getByTestId('run-tab').nth(5).waitFor();
  await page.waitForTimeout(3000);
}

/** One round through every screen while the runs train. */
async function switchScreens(page: Page): Promise<void> {
  const settle = () => page.waitForTimeout(600);
  await page.getByTestId('nav-runs').click();
  await page.getByTestId('history-screen').waitFor();
  await settle();
  // Exactly the two short runs trained first (the longer ones may have finished meanwhile too).
  const finished = page.getByTestId('run-row').filter({ hasText: '완료' });
  const firstTwo = (await finished.all()).slice(-2);
  for (const row of await page.getByTestId('run-row').all()) {
    const wanted = (await Promise.all(firstTwo.map(async (other) => (await other.getAttribute('data-run-id')) === (await row.getAttribute('data-run-id'))))).some(Boolean);
    const box = row.getByTestId('select-run');
    if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
  }
  await page.getByTestId('compare-selected').click();
  await page.getByTestId('compare-view').waitFor();
  await settle();
  await page.getByTestId('nav-runs').click();
  await finished.last().getByTestId('open-run').click();
  await page.getByTestId('replay-back').waitFor();
  await settle();
  await page.getByTestId('nav-labs').click();
  await settle();
  await page.getByTestId('nav-walkthrough').click();
  await page.getByTestId('walkthrough').waitFor();
  await settle();
  await page.getByTestId('nav-build').click();
  await settle();
  for (const tab of await page.getByTestId('run-tab').all()) {
    await tab.click();
    await settle();
  }
}

function row(name: string, s: ScenarioSummary): string[] {
  return [
    name,
    s.counts.join(' / '),
    s.medianMs.toFixed(0),
    s.maxPerRepetition.map((m) => m.toFixed(0)).join(' / '),
    `${s.met ? '✔' : '✘'} ${s.maxMs.toFixed(0)} ms`,
    s.attributions.map((a) => `${a.script} ${a.totalMs.toFixed(0)} ms (longest ${a.longestMs.toFixed(0)})`).join('; ') || '—',
  ];
}

/** The section: both scenarios, each summed over its repetitions. */
export async function uiSection(plan: UiPlan): Promise<SectionResult> {
  const title = 'UI: main-thread tasks while the app works (Chromium long tasks)';
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    return {
      title,
      notes: ['not measured: the app is not built; run `npm run build` first (this section builds nothing)'],
      tables: [],
      measurements: [],
      targets: [{ target: `every main-thread task < ${TASK_LIMIT_MS} ms`, measured: 'not built', met: null }],
    };
  }
  const browserFound = findBrowser();
  if (browserFound.executable === null) throw new Error(browserFound.problem);
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-bench-ui-'));
  const csvFile = join(dir, 'points-50000.csv');
  writeFileSync(csvFile, pointsCsv(CSV_POINTS));
  const host = await startHost(['--db', join(dir, 'bench.db')]);
  const browser = await chromium.launch({
    executablePath: browserFound.executable,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  let hasFrames = false;
  const profileDir = plan.profile ? mkdtempSync(join(tmpdir(), 'nnlab-ui-profiles-')) : null;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    hasFrames = (await page.evaluate("PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')")) as boolean;
    const profiler = plan.profile ? await PageProfiler.attach(page) : null;

    const csvRecordings: Recording[] = [];
    for (let i = 0; i < plan.csvRepetitions; i++) {
      progress(`  csv: loading ${CSV_POINTS.toLocaleString('en-US')} points (${i + 1}/${plan.csvRepetitions})`);
      csvRecordings.push(await csvScenario(page, host.url, csvFile, profiler));
    }

    const trainingRecordings: Recording[] = [];
    if (plan.switchRounds > 0) {
      progress('  training: two short runs for the history, then four runs at once');
      await freshPage(page, host.url);
      await finishedRuns(page);
      await fourRuns(page);
    }
    for (let i = 0; i < plan.switchRounds; i++) {
      progress(`  training: switching screens (${i + 1}/${plan.switchRounds})`);
      trainingRecordings.push(await measured(page, profiler, () => switchScreens(page)));
    }
    const csv = csvRecordings.map((r) => r.tasks);
    const training = trainingRecordings.map((r) => r.tasks);

    const summaries: [string, ScenarioSummary][] = [];
    if (csv.length > 0) summaries.push([`csv (${CSV_POINTS.toLocaleString('en-US')} points: load, preview, start)`, summarizeScenario(csv)]);
    if (training.length > 0) summaries.push(['training (4 runs, switching screens)', summarizeScenario(training)]);
    const origin = builtScriptOrigins(RENDERER_DIR);
    const named = [
      ...profiledTasks(csvRecordings, origin).map((t) => ({ scenario: 'csv', ...t })),
      ...profiledTasks(trainingRecordings, origin).map((t) => ({ scenario: 'training', ...t })),
    ];
    if (profileDir !== null) {
      saveProfiles(profileDir, 'csv', csvRecordings);
      saveProfiles(profileDir, 'training', trainingRecordings);
    }
    const sourceMapped = existsSync(RENDERER_DIR) && readdirSync(join(RENDERER_DIR, 'assets')).some((f) => f.endsWith('.js.map'));
    return {
      title,
      notes: [
        'tasks of 50 ms or more on the page\'s main thread (PerformanceObserver "longtask"), per repetition; the median is over every task of every repetition',
        hasFrames
          ? 'attributions: scripts that ran in long animation frames (PerformanceObserver "long-animation-frame"), by total time'
          : 'no attributions: this Chromium has no long-animation-frame entries',
        'the built app (out/) in the browser host on a temp history; run `npm run build` after changing the app',
        ...(profileDir === null
          ? []
          : [
              `--profile: each window's CPU profile (1 ms samples) is in ${profileDir} (load a .cpuprofile in DevTools' Performance panel); the longest tasks below with the functions their samples were in: entry = what the browser called, app code = the deepest frame of the app's own code, self = the innermost frame`,
              sourceMapped
                ? 'names from the build\'s source maps'
                : 'the build has no source maps: names are the minified bundle\'s (build with `NNLAB_PROFILE_BUILD=1 npm run build` for source files and lines)',
              'the profiler itself slows the page: compare task lengths only between runs without --profile',
            ]),
      ],
      tables: [
        {
          headers: ['scenario', 'long tasks', 'median ms', 'longest ms', `< ${TASK_LIMIT_MS} ms`, 'top attributions'],
          align: 'lrrrll',
          rows: summaries.map(([name, s]) => row(name, s)),
        },
        ...(profileDir === null
          ? []
          : [
              {
                headers: ['scenario', 'repetition', 'task ms', 'sampled ms', 'entry', 'app code', 'self'],
                align: 'lrrrlll',
                rows: named.map((t) => [t.scenario, String(t.repetition + 1), t.duration.toFixed(0), t.sampledMs.toFixed(0), formatTimes(t.entry), formatTimes(t.ownCode), formatTimes(t.self)]),
              },
            ]),
      ],
      measurements: summaries.map(([name, s]) => valueMeasurement(`ui ${name.split(' ')[0]}`, 'longest main-thread task', s.maxMs, s.counts.length, 'ms')),
      targets: summaries.map(([name, s]) => ({
        target: `${name.split(' (')[0]}: every main-thread task < ${TASK_LIMIT_MS} ms`,
        measured: `longest ${s.maxMs.toFixed(0)} ms, ${s.counts.reduce((a, b) => a + b, 0)} tasks ≥ 50 ms`,
        met: s.met,
      })),
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
