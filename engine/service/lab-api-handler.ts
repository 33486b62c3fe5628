import type { DatasetSummary } from '../api/events';
import { LAB_METHODS, parseLabArgs, type AppInfo, type LabApi, type LabMethod, type SerializedError, type SpecCheck } from '../api/lab-api';
import type { LabReply } from '../api/lab-transport';
import { parseRunSpec } from '../api/parse-run-spec';
import { DatasetSpecSchema, type RunSpec } from '../api/run-spec';
import { SpecError, problemsFromZod } from '../api/spec-error';
import { previewDataset } from '../data/dataset-preview';
import { DatasetError } from '../data/dataset-error';
import { loadDataset, type DataSources } from '../data/load-dataset';
import { nodeDataSources } from '../data/node-mnist';
import type { Dataset } from '../data/types';
import { HistoryError } from '../history/history-error';
import { ImportError } from '../history/run-file';
import { checkSpecAgainstDataset, networkInputSize } from '../train/check-spec-data';
import { ENGINE_VERSION } from '../version';
import { estimateDuration, measureMachineSpeed, type MachineSpeed } from './duration-estimate';
import { ServiceError, type LabService } from './lab-service';
import { messageOf } from '../api/error-message';

/** What the transport tells the page about itself. */
export interface LabApiHandlerInfo {
  appVersion: string;
  transport: AppInfo['transport'];
}

export interface LabApiHandlerOptions {
  /** Datasets for checkSpec and datasetPreview (default: the files on disk, as the service's). */
  dataSources?: DataSources;
  /** This machine's speed for duration estimates (default: measured once, ~40 ms, at the first checkSpec). */
  machineSpeed?: () => MachineSpeed;
  /** Where unexpected errors go with their stack (default console.error); the page only gets a generic message. */
  logError?: (method: string, error: unknown) => void;
  /**
   * Prints a lab report's HTML to PDF bytes, for renderReportPdf. The Electron transport injects
   * its hidden-window renderer (electron/main/report-pdf.ts); without one (the browser host) the
   * call is refused with REPORT_PDF_NEEDS_DESKTOP.
   */
  renderPdf?: (html: string) => Promise<Uint8Array>;
}

/** renderReportPdf's answer where nothing can print a PDF (the browser host): what to do instead. */
export const REPORT_PDF_NEEDS_DESKTOP = "PDF export needs the desktop app: in the browser, use the report preview's Print → Save as PDF";

/** One call from a transport: the method's name and its arguments as received (untrusted). Never rejects. */
export type LabApiHandler = (method: string, args: unknown) => Promise<LabReply>;

/**
 * The service side of every transport: validates a call's arguments with the contract's schemas
 * (parseLabArgs), runs it on the LabService and answers with a LabReply, errors serialized so
 * their fields cross IPC and WebSocket alike. Methods LabService has no direct equivalent of
 * (appInfo, checkSpec, datasetPreview, the re-run verdict) are composed here.
 */
export function createLabApiHandler(service: LabService, info: LabApiHandlerInfo, options: LabApiHandlerOptions = {}): LabApiHandler {
  const api = labApiOf(service, info, options);
  const logError = options.logError ?? ((method, error) => console.error(`NN Lab: ${method} failed:`, error));
  return async (method, args) => {
    let parsed: unknown[];
    try {
      parsed = parseLabArgs(method, args);
    } catch (error) {
      // Arguments that do not match the method's schema (or a method that does not exist).
      return { ok: false, error: { name: 'ArgumentError', message: messageOf(error) } };
    }
    try {
      const call = api[method as LabMethod] as (...callArgs: unknown[]) => Promise<unknown>;
      return { ok: true, value: await call(...parsed) };
    } catch (error) {
      const serialized = serializeError(error);
      if (serialized === null) logError(method, error);
      return { ok: false, error: serialized ?? UNEXPECTED };
    }
  };
}

const UNEXPECTED: SerializedError = { name: 'Error', message: 'NN Lab hit an unexpected error; the details are in the log of the program that runs it' };

/**
 * An error the page may see, with its fields: SpecError and ImportError with their problems,
 * DatasetError as one problem on its field, HistoryError with its code, ServiceError with its
 * message. null for anything else (a bug: log it, show a generic message).
 */
export function serializeError(error: unknown): SerializedError | null {
  if (error instanceof SpecError) return { name: 'SpecError', message: error.message, problems: [...error.problems] };
  if (error instanceof DatasetError) return { name: 'DatasetError', message: error.message, problems: [{ field: error.field, message: error.message }] };
  if (error instanceof HistoryError) return { name: 'HistoryError', message: error.message, code: error.code };
  if (error instanceof ImportError) return { name: 'ImportError', message: error.message, code: 'invalid-file', problems: [...error.problems] };
  if (error instanceof ServiceError) return { name: error.name, message: error.message };
  return null;
}

/** The methods this handler composes; LabService answers every other one itself, with LabApi's arguments. */
type ComposedMethod = 'appInfo' | 'checkSpec' | 'datasetPreview' | 'exportRuns' | 'rerun' | 'renderReportPdf' | 'createPack' | 'makeHandIn';

/** LabApi's other methods as LabService has them: the same arguments, the result synchronous or not. */
type ServiceMethods = {
  [M in Exclude<LabMethod, ComposedMethod>]: (...args: Parameters<LabApi[M]>) => ReturnType<LabApi[M]> | Awaited<ReturnType<LabApi[M]>>;
};

/** LabApi over the service (arguments already validated). */
function labApiOf(service: LabService, info: LabApiHandlerInfo, options: LabApiHandlerOptions): LabApi {
  const sources = options.dataSources ?? nodeDataSources();
  let speed: MachineSpeed | null = null;
  const machineSpeed = (): MachineSpeed => (speed ??= (options.machineSpeed ?? (() => measureMachineSpeed()))());

  const composed: Pick<LabApi, ComposedMethod> = {
    appInfo: async () => ({ appVersion: info.appVersion, engineVersion: ENGINE_VERSION, dbPath: service.dbPath, transport: info.transport, poolSize: service.poolSize, notices: service.notices }),
    checkSpec: async (input) => checkSpec(input, sources, machineSpeed),
    datasetPreview: async (input, seed) => {
      const parsed = DatasetSpecSchema.safeParse(input);
      if (!parsed.success) throw new SpecError(problemsFromZod(parsed.error).map((p) => ({ ...p, field: p.field ? `dataset.${p.field}` : 'dataset' })));
      return previewDataset(loadDataset(parsed.data, seed, sources));
    },
    // A plain Uint8Array of exactly the file's bytes (not a Buffer over Node's pool).
    exportRuns: async (runIds, exportOptions) => new Uint8Array(service.exportRuns(runIds, exportOptions)),
    createPack: async (pack) => {
      const { id, data } = service.createPack(pack);
      return { id, file: new Uint8Array(data) };
    },
    makeHandIn: async (packId, student) => {
      const { data, ...made } = service.makeHandIn(packId, student);
      return { ...made, file: new Uint8Array(data) };
    },
    rerun: async (runId) => {
      const { runId: rerunId, verdict } = await service.rerun(runId);
      return { runId: rerunId, ...verdict };
    },
    renderReportPdf: async (html) => {
      if (options.renderPdf === undefined) throw new ServiceError(REPORT_PDF_NEEDS_DESKTOP);
      return options.renderPdf(html);
    },
  };
  // The compiler checks here that LabService has every other method with LabApi's signature.
  const direct: ServiceMethods = service;
  const methods = LAB_METHODS.map((method) => {
    if (Object.hasOwn(composed, method)) return [method, composed[method as ComposedMethod]];
    const serviceMethod = direct[method as keyof ServiceMethods] as (...args: unknown[]) => unknown;
    return [method, async (...args: unknown[]) => serviceMethod.apply(service, args)];
  });
  return Object.fromEntries(methods) as LabApi;
}

/** parseRunSpec + the dataset + the checks that need it; every problem as a field problem, never a throw for bad input. */
function checkSpec(input: unknown, sources: DataSources, machineSpeed: () => MachineSpeed): SpecCheck {
  let spec: RunSpec;
  let dataset: Dataset;
  try {
    spec = parseRunSpec(input);
    dataset = loadDataset(spec.dataset, spec.seed, sources);
    checkSpecAgainstDataset(spec, dataset);
  } catch (error) {
    if (error instanceof SpecError) return { ok: false, problems: [...error.problems] };
    if (error instanceof DatasetError) return { ok: false, problems: [{ field: error.field, message: error.message }] };
    throw error;
  }
  return { ok: true, dataset: datasetSummary(spec, dataset), estimate: estimateDuration(spec, dataset, machineSpeed()) };
}

/** inputSize is the network's, as the run's start event will say: one per input feature where the spec names them. */
function datasetSummary(spec: RunSpec, dataset: Dataset): DatasetSummary {
  return { name: dataset.name, trainSize: dataset.train.x.rows, testSize: dataset.test?.x.rows ?? 0, inputSize: networkInputSize(spec, dataset), numClasses: dataset.numClasses };
}
