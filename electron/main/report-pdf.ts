import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, session, type BrowserWindowConstructorOptions, type PrintToPDFOptions, type Session, type WebContents } from 'electron';
import { ServiceError } from '../../engine/service/lab-service';
import { appUrlMatcher, SECURE_WEB_PREFERENCES } from './security';

/** The report windows' session: in memory, shared with nothing of the app's, refusing every request but the report itself. */
export const REPORT_PARTITION = 'nnlab-report';

/** How long one report may take to load and print before its window is destroyed. */
export const REPORT_PDF_TIMEOUT_MS = 30_000;

/** A4, the report's colours kept, its own `@page` rule (size and margins) honoured. */
export const REPORT_PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } satisfies PrintToPDFOptions;

/**
 * The hidden window a report is printed in: the main window's checklist (isolated, sandboxed, no
 * Node, web security on) and more, since it shows a document the page sent: no JavaScript at all,
 * no preload, no devtools, its own session.
 */
export function reportWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, partition: REPORT_PARTITION, javascript: false, plugins: false, devTools: false },
  };
}

export interface ReportPdfOptions {
  /** Default REPORT_PDF_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * LabApi's renderReportPdf for the desktop app (createLabApiHandler's `renderPdf`): the report's
 * HTML, written to a temp file in a fresh folder under app.getPath('temp'), loaded in a hidden
 * window (reportWindowOptions) and printed with REPORT_PDF_OPTIONS; the PDF's bytes as a plain
 * Uint8Array. The window is destroyed and the folder removed whatever happens (done, failed, or
 * timed out after `timeoutMs`: a ServiceError that says so).
 *
 * A temp file rather than a data: URL: Electron refuses to load a URL longer than 2 MB
 * (url::kMaxURLChars), and a report with its charts as PNG data URLs is often larger. The file
 * gives the page a file: origin, which could load other local files into the PDF, so the
 * session cancels every request (file: included, which webRequest sees) but the report file
 * itself and data: URLs (its chart images and its embedded font); nothing else is fetched, from the
 * disk or the network.
 */
export function createReportPdfRenderer(options: ReportPdfOptions = {}): (html: string) => Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? REPORT_PDF_TIMEOUT_MS;
  // The report files being printed right now (two reports may print at once).
  const reports = new Set<(url: string) => boolean>();
  const isAllowed = (url: string): boolean => url.startsWith('data:') || [...reports].some((isReport) => isReport(url));
  // The partition exists only once the app is ready: set up at the first report.
  let reportSession: Session | null = null;

  return async (html) => {
    reportSession ??= lockDownReportSession(session.fromPartition(REPORT_PARTITION), isAllowed);
    const dir = await mkdtemp(join(app.getPath('temp'), 'nnlab-report-'));
    const file = join(dir, 'report.html');
    const isReport = appUrlMatcher(file, undefined);
    reports.add(isReport);
    let window: BrowserWindow | null = null;
    try {
      await writeFile(file, html, 'utf8');
      window = new BrowserWindow(reportWindowOptions());
      lockDownReportContents(window.webContents);
      const printing = window;
      const pdf = await withTimeout(
        printing.loadFile(file).then(() => printing.webContents.printToPDF(REPORT_PDF_OPTIONS)),
        timeoutMs,
      );
      // A plain Uint8Array of exactly the PDF's bytes (not a Buffer over Node's pool).
      return new Uint8Array(pdf);
    } finally {
      reports.delete(isReport);
      if (window !== null && !window.isDestroyed()) window.destroy();
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) => console.error('NN Lab: could not remove the report’s temp folder:', error));
    }
  };
}

/** Every permission denied; every request cancelled unless `isAllowed` says it is the report. */
function lockDownReportSession(reportSession: Session, isAllowed: (url: string) => boolean): Session {
  reportSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  reportSession.setPermissionCheckHandler(() => false);
  reportSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowed(details.url) }));
  return reportSession;
}

/** No navigation of any frame, no redirects, no new windows, no webviews: the report stays what was loaded. */
function lockDownReportContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** `work`, or a ServiceError once `timeoutMs` has passed (work's later outcome is then ignored). */
function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ServiceError(`the PDF was not ready after ${Math.round(timeoutMs / 1000)} s; try again, or use the report preview's Print → Save as PDF`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
