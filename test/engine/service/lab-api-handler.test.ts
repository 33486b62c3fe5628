import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { MAX_REPORT_HTML_CHARS, type AppInfo, type DatasetPreview, type RerunOutcome, type SpecCheck } from '../../../engine/api/lab-api';
import type { LabReply } from '../../../engine/api/lab-transport';
import { encodeMessage } from '../../../engine/api/socket-codec';
import type { RunSpec } from '../../../engine/api/run-spec';
import type { RunSummary } from '../../../engine/api/runs';
import { SpecError } from '../../../engine/api/spec-error';
import { DatasetError } from '../../../engine/data/dataset-error';
import { HistoryError } from '../../../engine/history/history-error';
import { ImportError } from '../../../engine/history/run-file';
import { createLabApiHandler, REPORT_PDF_NEEDS_DESKTOP, serializeError, type LabApiHandler } from '../../../engine/service/lab-api-handler';
import { LabService, ServiceError } from '../../../engine/service/lab-service';
import { ENGINE_VERSION } from '../../../engine/version';
import { circleSpec } from '../train/run-helpers';

/** The service side of both transports, over a real LabService (worker threads, SQLite in a temp folder). */
let dir: string;
let service: LabService;
let handle: LabApiHandler;
const logged: unknown[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-handler-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 }, forwardIntervalMs: 50 });
  handle = createLabApiHandler(service, { appVersion: '9.9.9', transport: 'browser' }, { machineSpeed: () => ({ multiplyAddsPerSecond: 1e9 }), logError: (_m, e) => logged.push(e) });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The value of a successful call (fails the test with the error otherwise). */
async function value<T>(method: string, ...args: unknown[]): Promise<T> {
  const reply = await handle(method, args);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.name}: ${reply.error.message}`);
  return reply.value as T;
}

async function failure(method: string, ...args: unknown[]) {
  const reply: LabReply = await handle(method, args);
  expect(reply.ok, `${method} should fail`).toBe(false);
  return (reply as Extract<LabReply, { ok: false }>).error;
}

describe('createLabApiHandler', () => {
  it('answers appInfo with the versions, the database, the transport and the pool size', async () => {
    expect(await value<AppInfo>('appInfo')).toEqual({ appVersion: '9.9.9', engineVersion: ENGINE_VERSION, dbPath: service.dbPath, transport: 'browser', poolSize: 1, notices: [] });
    // What the host learnt opening the history (a damaged file moved aside) reaches the page.
    const notice = { code: 'corrupt-set-aside', message: 'The run history was damaged', files: ['/x/nnlab.db.corrupt-1'] };
    service.addNotices([notice]);
    expect((await value<AppInfo>('appInfo')).notices).toEqual([notice]);
  });

  it('refuses unknown methods and arguments that do not match the contract, before the service sees them', async () => {
    expect(await failure('dropDatabase')).toMatchObject({ name: 'ArgumentError', message: expect.stringContaining('unknown LabApi method') });
    expect(await failure('pauseRun', 42)).toMatchObject({ name: 'ArgumentError', message: expect.stringContaining('pauseRun') });
    expect(await failure('renameRun', 'abcdef12')).toMatchObject({ name: 'ArgumentError' });
    expect((await handle('appInfo', 'not an array')).ok).toBe(false);
    expect(await failure('importRuns', 'not bytes')).toMatchObject({ name: 'ArgumentError' });
  });

  it('checks a spec against its dataset: every problem with its field, or the dataset and a duration estimate', async () => {
    const bad = await value<SpecCheck>('checkSpec', { ...circleSpec(), layers: [{ units: 8, activation: 'bogus' }, { units: 2, activation: 'softmax' }] });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toContain('layers[0].activation');

    const wrongOutput = await value<SpecCheck>('checkSpec', circleSpec({ layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }] }));
    expect(wrongOutput).toMatchObject({ ok: false, problems: [{ field: 'layers[1].units' }] });

    const badData = await value<SpecCheck>('checkSpec', circleSpec({ dataset: { name: 'inline', x: [[0, 1], [1]], y: [0, 1] } }));
    expect(badData.ok).toBe(false);
    expect(badData.ok ? '' : badData.problems[0]!.field).toMatch(/^dataset/);

    const good = await value<SpecCheck>('checkSpec', circleSpec());
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    expect(good.dataset).toEqual({ name: 'circle', trainSize: 150, testSize: 50, inputSize: 2, numClasses: 2 });
    expect(good.estimate.steps).toBe(45);
    expect(good.estimate.seconds).toBeGreaterThan(0);
    // The page has the spec it sent: the answer does not send it back.
    expect(good).not.toHaveProperty('spec');
  });

  it("answers the check of a 50,000-point spec without the points: the page has them (issue 15)", async () => {
    const x = Array.from({ length: 50_000 }, (_, i) => [Math.sin(i), Math.cos(i)]);
    const y = x.map(([a]) => (a! > 0 ? 1 : 0));
    const check = await value<SpecCheck>('checkSpec', circleSpec({ dataset: { name: 'inline', x, y } }));
    expect(check).toMatchObject({ ok: true, dataset: { name: 'inline', trainSize: 50_000 } });
    // A few hundred bytes (the dataset's counts and the estimate), not the 1.3 MB of points.
    expect(encodeMessage({ id: 1, result: check }).length).toBeLessThan(1000);
  });

  it('previews a dataset, and names the field of a bad one', async () => {
    const preview = await value<DatasetPreview>('datasetPreview', { name: 'circle', samples: 100 }, 1);
    expect(preview).toMatchObject({ kind: 'points', trainSize: 50, testSize: 50 });
    const error = await failure('datasetPreview', { name: 'circle', samples: -5 }, 1);
    expect(error).toMatchObject({ name: 'SpecError', problems: [{ field: 'dataset.samples' }] });
    expect(await failure('datasetPreview', { name: 'imagenet' }, 1)).toMatchObject({ name: 'SpecError', problems: [{ field: 'dataset.name' }] });
  });

  it('serializes a bad spec given to startRun with its problems', async () => {
    const error = await failure('startRun', { version: 1 });
    expect(error.name).toBe('SpecError');
    expect(error.problems!.map((p) => p.field)).toEqual(expect.arrayContaining(['dataset', 'layers']));
  });

  it('trains, replays the recorded events, exports as plain bytes, re-runs with a flat verdict', async () => {
    const summary = await value<RunSummary>('startRun', circleSpec({ name: 'handler run' }));
    await service.whenEnded(summary.id);
    const events = await value<TrainingEvent[]>('recordedEvents', summary.id);
    expect(events[0]!.type).toBe('start');
    expect(events.at(-1)).toMatchObject({ type: 'end', status: 'completed' });

    const file = await value<Uint8Array>('exportRuns', [summary.id]);
    expect(Object.getPrototypeOf(file)).toBe(Uint8Array.prototype);
    expect(file.byteOffset).toBe(0);
    expect(file.buffer.byteLength).toBe(file.byteLength);
    const again = await value<{ imported: string[]; skipped: { id: string }[] }>('importRuns', file);
    expect(again).toEqual({ imported: [], skipped: [expect.objectContaining({ id: summary.id })] });

    const rerun = await value<RerunOutcome>('rerun', summary.id);
    expect(rerun).toEqual({ runId: expect.any(String), identical: true, firstDifference: null, engineVersions: { stored: ENGINE_VERSION, rerun: ENGINE_VERSION } });
    expect(rerun.runId).not.toBe(summary.id);
  });

  it('duplicates a run as a spec named in the language the page asks for, and leaves the stored name as it was', async () => {
    const summary = await value<RunSummary>('startRun', circleSpec({ name: '원 실험' }));
    await service.whenEnded(summary.id);
    expect((await value<RunSpec>('duplicateRun', summary.id, { names: 'ko' })).name).toBe('원 실험 (사본)');
    expect((await value<RunSpec>('duplicateRun', summary.id, { names: 'en' })).name).toBe('원 실험 (copy)');
    expect((await value<RunSpec>('duplicateRun', summary.id)).name).toBe('원 실험 (copy)');
    expect(await failure('duplicateRun', summary.id, { names: 'fr' })).toMatchObject({ name: 'ArgumentError' });
    expect(service.getRun(summary.id).name).toBe('원 실험');
  });

  it('keeps the lab notebook: saves and reads entries, refuses bad ids, keys and values at the boundary, exports it on request', async () => {
    expect(await value('getLabNotebook', '04-initialization')).toEqual({});
    expect(await value('saveLabNotebookEntry', '04-initialization', 'prediction:init-which-learns', { choice: 'xavier-and-he', predictedAt: '2025-03-14T09:00:00.000Z' })).toBeUndefined();
    expect(await value('saveLabNotebookEntry', '04-initialization', 'answer:goal-of-init', '입력값이 너무 크거나 작지 않게')).toBeUndefined();
    expect(await value('getLabNotebook', '04-initialization')).toEqual({
      'answer:goal-of-init': '입력값이 너무 크거나 작지 않게',
      'prediction:init-which-learns': { choice: 'xavier-and-he', predictedAt: '2025-03-14T09:00:00.000Z' },
    });
    expect(await failure('getLabNotebook', '../etc')).toMatchObject({ name: 'ArgumentError', message: expect.stringContaining('getLabNotebook: argument 0 must be a lab sheet id') });
    expect(await failure('saveLabNotebookEntry', 'backprop', '__proto__', 1)).toMatchObject({ name: 'ArgumentError', message: expect.stringContaining('argument 1 must be a notebook key') });
    expect(await failure('saveLabNotebookEntry', 'backprop', 'answer:x', 'x'.repeat(30_000))).toMatchObject({ name: 'ArgumentError', message: expect.stringContaining('at most 20480 bytes') });
    expect(await failure('saveLabNotebookEntry', 'backprop', 'answer:x', undefined)).toMatchObject({ name: 'ArgumentError', message: expect.stringContaining('the value is undefined') });
    expect(await failure('saveLabNotebookEntry', 'backprop', 'answer:x')).toMatchObject({ name: 'ArgumentError' });
    expect(await failure('exportRuns', ['abcdef12'], { withNotes: true })).toMatchObject({ name: 'ArgumentError' });

    const summary = await value<RunSummary>('startRun', circleSpec({ name: 'notebook run' }));
    await service.whenEnded(summary.id);
    const plain = await value<Uint8Array>('exportRuns', [summary.id]);
    const withNotebook = await value<Uint8Array>('exportRuns', [summary.id], { withNotebook: true });
    expect(JSON.parse(gunzipSync(plain).toString('utf8')).payload.notebook).toBeUndefined();
    expect(JSON.parse(gunzipSync(withNotebook).toString('utf8')).payload.notebook).toHaveLength(2);
    // Importing it back: the run is skipped; the file's notebook (it names no student) is kept apart, ours unchanged.
    expect(await value('importRuns', withNotebook)).toEqual({
      imported: [],
      skipped: [expect.objectContaining({ id: summary.id })],
      notebook: { sourceId: expect.stringMatching(/^file:[0-9a-f]{16}$/) as string, studentName: null, merged: 2, kept: 0 },
    });
    expect(await value('getLabNotebook', '04-initialization')).toEqual({
      'answer:goal-of-init': '입력값이 너무 크거나 작지 않게',
      'prediction:init-which-learns': { choice: 'xavier-and-he', predictedAt: '2025-03-14T09:00:00.000Z' },
    });
    expect(await value('getImportedNotebooks', '04-initialization')).toEqual([
      expect.objectContaining({ studentName: null, entries: { 'answer:goal-of-init': '입력값이 너무 크거나 작지 않게', 'prediction:init-which-learns': { choice: 'xavier-and-he', predictedAt: '2025-03-14T09:00:00.000Z' } } }),
    ]);
    expect(await failure('getImportedNotebooks', '../etc')).toMatchObject({ name: 'ArgumentError' });
    expect(await value('importRuns', withNotebook, { withNotebook: false })).toEqual({ imported: [], skipped: [expect.objectContaining({ id: summary.id })] });
  });

  // After the notebook test: it exports the shared service's whole notebook and counts its entries.
  it('saves a notebook entry only if it is unchanged: refused with the stored text when another window saved first; a malformed expectation is refused at the boundary', async () => {
    expect(await value('saveLabNotebookEntryIfUnchanged', '05-overfitting', 'answer:cas', 'first', { stored: false })).toEqual({ saved: true });
    expect(await value('saveLabNotebookEntryIfUnchanged', '05-overfitting', 'answer:cas', 'second', { stored: true, value: 'first' })).toEqual({ saved: true });
    expect(await value('saveLabNotebookEntryIfUnchanged', '05-overfitting', 'answer:cas', 'stale', { stored: true, value: 'first' })).toEqual({ saved: false, stored: 'second', updatedAt: expect.any(String) });
    expect(await value('getLabNotebook', '05-overfitting')).toEqual({ 'answer:cas': 'second' });
    expect(await failure('saveLabNotebookEntryIfUnchanged', '05-overfitting', 'answer:cas', 'x')).toMatchObject({ name: 'ArgumentError' });
    expect(await failure('saveLabNotebookEntryIfUnchanged', '05-overfitting', 'answer:cas', 'x', { stored: true })).toMatchObject({ name: 'ArgumentError' });
    expect(await failure('saveLabNotebookEntryIfUnchanged', '05-overfitting', 'answer:cas', 'x', { stored: false, extra: 1 })).toMatchObject({ name: 'ArgumentError' });
  });

  it('turns the service’s own errors into their serialized form', async () => {
    expect(await failure('getRun', 'ffffffff-ffff-4fff-bfff-ffffffffffff')).toMatchObject({ name: 'HistoryError', code: 'not-found' });
    const [ended] = await value<RunSummary[]>('listRuns', { limit: 1 });
    // A stop that crosses the run's end is no error.
    expect(await value('stopRun', ended!.id)).toBeUndefined();
    expect(await failure('importRuns', new Uint8Array([1, 2, 3]))).toMatchObject({ name: 'ImportError', code: 'invalid-file' });
    expect(await failure('listRuns', { sortBy: 'nonsense' })).toMatchObject({ name: 'HistoryError', code: 'invalid-argument' });
    // The page's mistakes are answers, not incidents: nothing was logged.
    expect(logged).toEqual([]);
  });

  it('prints a report to PDF with the renderer its transport injects, and says what to do where there is none', async () => {
    const html = '<!doctype html><title>보고서</title><p>김학생</p>';
    expect(await failure('renderReportPdf', html)).toEqual({ name: 'ServiceError', message: REPORT_PDF_NEEDS_DESKTOP });
    expect(REPORT_PDF_NEEDS_DESKTOP).toBe("PDF export needs the desktop app: in the browser, use the report preview's Print → Save as PDF");

    const renderPdf = vi.fn(async (page: string) => new TextEncoder().encode(`%PDF ${page.length}`));
    const log = vi.fn();
    const desktop = createLabApiHandler(service, { appVersion: '1', transport: 'electron' }, { renderPdf, logError: log });
    const reply = await desktop('renderReportPdf', [html]);
    expect(reply).toEqual({ ok: true, value: new TextEncoder().encode(`%PDF ${html.length}`) });
    expect(renderPdf).toHaveBeenCalledWith(html);

    // The HTML is checked before the renderer sees it: a string, not empty, at most 20 MB.
    renderPdf.mockClear();
    for (const args of [[], [42], [new Uint8Array([60, 112, 62])], [''], ['x'.repeat(MAX_REPORT_HTML_CHARS + 1)], [html, 'extra']]) {
      const refused = await desktop('renderReportPdf', args);
      expect(refused, JSON.stringify(args).slice(0, 40)).toMatchObject({ ok: false, error: { name: 'ArgumentError', message: expect.stringContaining('renderReportPdf') } });
    }
    expect(await desktop('renderReportPdf', ['x'.repeat(MAX_REPORT_HTML_CHARS + 1)])).toMatchObject({ ok: false, error: { message: expect.stringContaining('at most 20 MB') } });
    expect(renderPdf).not.toHaveBeenCalled();
    expect((await desktop('renderReportPdf', ['x'.repeat(MAX_REPORT_HTML_CHARS)])).ok).toBe(true);

    // A renderer's own message (its timeout) reaches the page; anything else is logged, the page gets the generic one.
    renderPdf.mockRejectedValueOnce(new ServiceError('the PDF was not ready after 30 s'));
    expect(await desktop('renderReportPdf', [html])).toEqual({ ok: false, error: { name: 'ServiceError', message: 'the PDF was not ready after 30 s' } });
    renderPdf.mockRejectedValueOnce(new Error('ERR_FAILED (-2) loading file:///tmp/report.html'));
    expect(await desktop('renderReportPdf', [html])).toEqual({ ok: false, error: { name: 'Error', message: expect.stringContaining('unexpected error') } });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('gives the page a generic message for an unexpected error, and logs the real one', async () => {
    const log = vi.fn();
    const broken = createLabApiHandler(
      service,
      { appVersion: '1', transport: 'electron' },
      {
        logError: log,
        dataSources: {
          mnist: {
            load: () => {
              throw new TypeError('cannot read properties of undefined (reading "buffer")');
            },
          },
        },
      },
    );
    const reply = await broken('datasetPreview', [{ name: 'mnist', trainSize: 10, testSize: 0 }, 0]);
    expect(reply).toEqual({ ok: false, error: { name: 'Error', message: expect.stringContaining('unexpected error') } });
    expect(JSON.stringify(reply)).not.toMatch(/reading|\.ts:\d+/);
    expect(log).toHaveBeenCalledWith('datasetPreview', expect.any(TypeError));
  });
});

describe('serializeError', () => {
  it('keeps what the page needs from each kind of error', () => {
    expect(serializeError(new SpecError([{ field: 'seed', message: 'is required' }]))).toEqual({ name: 'SpecError', message: 'seed: is required', problems: [{ field: 'seed', message: 'is required' }] });
    expect(serializeError(new DatasetError('dataset.x[3]', 'row 3 has 1 value, not 2'))).toEqual({
      name: 'DatasetError',
      message: 'row 3 has 1 value, not 2',
      problems: [{ field: 'dataset.x[3]', message: 'row 3 has 1 value, not 2' }],
    });
    expect(serializeError(new HistoryError('locked', 'busy'))).toEqual({ name: 'HistoryError', message: 'busy', code: 'locked' });
    expect(serializeError(ImportError.fromProblems([{ field: 'payload', message: 'bad' }]))).toMatchObject({ name: 'ImportError', problems: [{ field: 'payload' }] });
    expect(serializeError(new ServiceError('closed'))).toEqual({ name: 'ServiceError', message: 'closed' });
    expect(serializeError(new TypeError('x is undefined'))).toBeNull();
    expect(serializeError('a string')).toBeNull();
  });
});
