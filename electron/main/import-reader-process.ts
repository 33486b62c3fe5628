import { utilityProcess } from 'electron';
import type { ReaderLauncher, ReaderMessage } from '../../engine/service/run-file-reader';
import { unpackedPath } from './resource-paths';

/**
 * The import reader (engine/service/run-file-reader.ts) in an Electron utility process. Not
 * child_process.fork: that runs the Electron binary as Node through ELECTRON_RUN_AS_NODE, which
 * the runAsNode fuse turns off in the packaged app (electron-builder.yml electronFuses). The
 * script is started from app.asar.unpacked. The heap limit goes in as --js-flags: a utility
 * process applies those before it creates its isolate, where a Node --max-old-space-size would
 * come after it.
 */
export const utilityProcessReader: ReaderLauncher = (script, heapLimitMb) => {
  const child = utilityProcess.fork(unpackedPath(script), [], {
    execArgv: [`--js-flags=--max-old-space-size=${heapLimitMb}`],
    serviceName: 'NN Lab import reader',
    stdio: 'ignore',
  });
  let killed = false;
  // Killed before it was running (a time limit shorter than its start): kill it once it is.
  child.once('spawn', () => {
    if (killed) child.kill();
  });
  return {
    send: (request) => child.postMessage(request),
    onMessage: (listener) => child.on('message', (message: ReaderMessage) => listener(message)),
    onExit: (listener) => child.once('exit', (code) => listener(`exit code ${code}`)),
    kill: () => {
      killed = true;
      child.kill();
    },
  };
};
