import { LabApiError, type LabApi, type LabMethod, type LabPush, type SerializedError } from '$engine/api/lab-api';
import type { LabReply } from '$engine/api/lab-transport';
import type { ConnectionState } from './connection-state';

/** One typed call: a LabApi method by name with its arguments, resolving to its result. */
export type Invoke = <M extends LabMethod>(method: M, ...args: Parameters<LabApi[M]>) => Promise<Awaited<ReturnType<LabApi[M]>>>;

/** What the UI holds: the contract, the pushed messages, and whether the app is reachable. */
export interface LabConnection {
  api: LabApi;
  /** Subscribes to pushed messages (run events, run states, list changes); returns the unsubscribe function. */
  onPush(listener: (push: LabPush) => void): () => void;
  connection: ConnectionState;
  /** Stops the transport (tests; the page simply goes away). */
  close(): void;
}

/** LabApi as one-line calls of `invoke`: the same object over IPC and WebSocket. */
export function labApiOver(invoke: Invoke): LabApi {
  return {
    appInfo: () => invoke('appInfo'),
    checkSpec: (spec) => invoke('checkSpec', spec),
    datasetPreview: (dataset, seed) => invoke('datasetPreview', dataset, seed),
    startRun: (spec) => invoke('startRun', spec),
    pauseRun: (runId) => invoke('pauseRun', runId),
    resumeRun: (runId) => invoke('resumeRun', runId),
    stepRun: (runId) => invoke('stepRun', runId),
    stepRunEpoch: (runId) => invoke('stepRunEpoch', runId),
    stopRun: (runId) => invoke('stopRun', runId),
    activeRuns: () => invoke('activeRuns'),
    listRuns: (query) => invoke('listRuns', query),
    getRun: (runId) => invoke('getRun', runId),
    recordedEvents: (runId) => invoke('recordedEvents', runId),
    getDiagnostics: (runId, step) => invoke('getDiagnostics', runId, step),
    compareRuns: (runIds, by) => invoke('compareRuns', runIds, by),
    renameRun: (runId, name) => invoke('renameRun', runId, name),
    setRunNotes: (runId, notes) => invoke('setRunNotes', runId, notes),
    setRunTags: (runId, tags) => invoke('setRunTags', runId, tags),
    deleteRun: (runId) => invoke('deleteRun', runId),
    duplicateRun: (runId) => invoke('duplicateRun', runId),
    exportRuns: (runIds, options) => invoke('exportRuns', runIds, options),
    exportMetricsCsv: (runIds) => invoke('exportMetricsCsv', runIds),
    importRuns: (file, options) => invoke('importRuns', file, options),
    rerun: (runId) => invoke('rerun', runId),
    getLabNotebook: (sheetId) => invoke('getLabNotebook', sheetId),
    saveLabNotebookEntry: (sheetId, key, value) => invoke('saveLabNotebookEntry', sheetId, key, value),
    renderReportPdf: (html) => invoke('renderReportPdf', html),
  } satisfies LabApi;
}

/** A reply's value, or its error thrown as LabApiError. */
export function unwrapReply<T>(reply: LabReply<T>): T {
  if (reply.ok) return reply.value;
  throw new LabApiError(reply.error);
}

/** A transport failure (not the service's answer) as a LabApiError with a code the UI can test. */
export function transportError(code: 'disconnected' | 'too-large' | 'closed', message: string): LabApiError {
  const error: SerializedError = { name: 'ConnectionError', message, code };
  return new LabApiError(error);
}
