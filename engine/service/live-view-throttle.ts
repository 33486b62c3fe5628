import type { TrainingEvent } from '../api/events';
import { EventThrottle } from './event-throttle';

/**
 * The throttle between the workers and the UI's transports: 5 pushes a second of at most 100
 * steps and 10 diagnostics. 500 loss points and 50 gradient points a second are more than a live
 * chart can show, and keep forwarding under 2 % of training time even for a 2-D run at ~16,000
 * steps a second (npm run bench, transport).
 */
export function liveViewThrottle(forward: (runId: string, events: TrainingEvent[]) => void, intervalMs: number): EventThrottle {
  return new EventThrottle(forward, {
    intervalMs,
    maxStepsPerBatch: 100,
    maxDiagnosticsPerBatch: 10,
    maxEvalsPerBatch: 100,
    // The decision boundary redrawn 2.5 times a second still moves smoothly; its snapshot is
    // most of a push's bytes.
    minNetworkIntervalMs: 400,
  });
}
