import { parentPort } from 'node:worker_threads';
import { readLabFile } from '../history/lab-file';
import { ImportError } from '../history/run-file';
import type { ImportRequest, ImportReply } from './run-file-worker';

/**
 * The import worker's entry: reads one NN Lab file (runs file, hand-in or pack) (decompress, scan, parse, validate) and posts
 * back what it holds, or why it is refused. It runs apart from the main thread so that a hostile
 * file costs the app neither its responsiveness nor its heap: the parent limits this thread's
 * heap and time and terminates it past either (run-file-worker.ts).
 */
const port = parentPort!;
port.once('message', (request: ImportRequest) => {
  let reply: ImportReply;
  try {
    const content = readLabFile(request.data, { ...request.options, now: () => request.now });
    reply = { ok: true, content };
  } catch (error) {
    reply =
      error instanceof ImportError
        ? { ok: false, importError: { message: error.message, problems: [...error.problems] } }
        : { ok: false, internal: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
