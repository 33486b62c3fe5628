import { contextBridge, ipcRenderer } from 'electron';
import type { LabPush } from '../../engine/api/lab-api';
import { labChannel, LAB_PUSH_CHANNEL, type LabBridge } from '../../engine/api/lab-transport';

/**
 * The preload (sandboxed, CommonJS): exposes exactly LabApi, as `window.nnlab`, and `onPush`.
 * One-line wrappers, no ipcRenderer, nothing else: each method invokes its own channel and
 * resolves to the call's LabReply (the renderer's client turns errors into LabApiError).
 */
const invoke = (channel: Parameters<typeof labChannel>[0], ...args: unknown[]) => ipcRenderer.invoke(labChannel(channel), ...args);

export const nnlab = {
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
  onPush: (listener: (push: LabPush) => void) => {
    // The listener gets the message only, never the IpcRendererEvent (whose `sender` is ipcRenderer).
    const forward = (_event: unknown, push: LabPush): void => listener(push);
    ipcRenderer.on(LAB_PUSH_CHANNEL, forward);
    return () => {
      ipcRenderer.off(LAB_PUSH_CHANNEL, forward);
    };
  },
} satisfies LabBridge;

contextBridge.exposeInMainWorld('nnlab', nnlab);
