import type { RunStatus } from '$engine/api/events';

/**
 * The message key of each run status. Every namespace that names statuses (history, compare,
 * labs, train) has these keys, in its own words: `t(STATUS_KEYS[status])` with its translator.
 */
export const STATUS_KEYS = {
  queued: 'statusQueued',
  running: 'statusRunning',
  completed: 'statusCompleted',
  stopped: 'statusStopped',
  diverged: 'statusDiverged',
  failed: 'statusFailed',
  interrupted: 'statusInterrupted',
} as const satisfies Record<RunStatus, `status${Capitalize<RunStatus>}`>;
