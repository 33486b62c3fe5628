import type { LabMethod } from './lab-api';

/**
 * Every LabApi method by name: the transports build their one-line pass-through objects from it
 * (the renderer's client, the Electron preload, the service's handler). Kept apart from lab-api.ts
 * so the sandboxed preload gets the names without zod.
 */
export const LAB_METHODS = [
  'appInfo',
  'checkSpec',
  'datasetPreview',
  'startRun',
  'startRunGroup',
  'pauseRun',
  'resumeRun',
  'stepRun',
  'stepRunEpoch',
  'stopRun',
  'activeRuns',
  'listRuns',
  'listRunPage',
  'listRunKeys',
  'runFilterOptions',
  'getRun',
  'recordedEvents',
  'getDiagnostics',
  'compareRuns',
  'renameRun',
  'setRunNotes',
  'setRunTags',
  'deleteRun',
  'duplicateRun',
  'exportRuns',
  'exportMetricsCsv',
  'importRuns',
  'createPack',
  'openPack',
  'listPacks',
  'getPack',
  'classSummary',
  'getStudent',
  'setStudent',
  'makeHandIn',
  'rerun',
  'getLabNotebook',
  'saveLabNotebookEntry',
  'saveLabNotebookEntryIfUnchanged',
  'getImportedNotebooks',
  'renderReportPdf',
] as const satisfies readonly LabMethod[];

/** Fails to compile while a method of LabApi is missing from LAB_METHODS. */
type Unlisted = Exclude<LabMethod, (typeof LAB_METHODS)[number]>;
export const EVERY_METHOD_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
