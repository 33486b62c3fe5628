import { readLabFile, type LabFileContent } from '../history/lab-file';
import { withStoredParts } from '../history/run-record';
import { ImportError } from '../history/run-file';
import type { ImportRequest, ReaderMessage } from './run-file-reader';

/**
 * The import reader's entry, a process of its own: reads NN Lab files one at a time (runs file, hand-in or pack: decompress, scan,
 * parse, validate) and sends back what it holds, or why it is refused. It is a process, not a
 * thread, because a JSON.parse that reaches a worker thread's heap limit can abort the whole
 * process it runs in (nodejs/node#47224): here that is only this process, and the parent refuses
 * the file (run-file-reader.ts). Started by child_process.fork (the CLI, the browser host, tests)
 * or, in the desktop app, by Electron's utilityProcess.fork, whose channel is process.parentPort.
 */

/** Electron's utility-process channel (not in Node's types: the engine knows nothing of Electron). */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: ImportRequest }) => void): void;
  postMessage(message: ReaderMessage): void;
}

const parentPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;

function send(message: ReaderMessage): void {
  if (parentPort !== undefined) parentPort.postMessage(message);
  else process.send!(message);
}

/**
 * The runs with their big values encoded here, as the history stores them: the parent then only
 * inserts rows, and its message holds compact blobs, not millions of numbers to rebuild.
 */
function readyToStore(read: LabFileContent): LabFileContent {
  if (read.kind === 'pack') return read;
  if (read.kind === 'runs') return { kind: 'runs', content: { ...read.content, runs: read.content.runs.map(withStoredParts) } };
  return { kind: 'hand-in', content: { ...read.content, runs: read.content.runs.map(withStoredParts) } };
}

function read(request: ImportRequest): void {
  let reply: ReaderMessage;
  try {
    reply = { ok: true, content: readyToStore(readLabFile(request.data, { ...request.options, now: () => request.now })) };
  } catch (error) {
    reply =
      error instanceof ImportError
        ? { ok: false, importError: { message: error.message, problems: [...error.problems] } }
        : { ok: false, internal: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  send(reply);
}

// One file at a time, as many as the parent sends: it keeps this process across a class's files, and ends it after any file it could not read.
if (parentPort !== undefined) parentPort.on('message', (event) => read(event.data));
else process.on('message', (request: ImportRequest) => read(request));
// Loaded and listening: from here on, a death without a reply is the file's doing.
send({ ready: true });
