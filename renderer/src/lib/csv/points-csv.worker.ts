import { pointsCsvTask, type PointsCsvRequest } from './points-csv-task';

// A dedicated module worker (read-points-csv.ts starts it): one reply per request.
self.addEventListener('message', (event: MessageEvent<PointsCsvRequest>) => {
  self.postMessage(pointsCsvTask(event.data));
});
