import { getContext, setContext } from 'svelte';
import type { LabConnection } from '../api';

/** Subscribes to changes of the stored runs; returns the unsubscribe function. */
export type RunsChangedSource = (listener: () => void) => () => void;

const KEY = Symbol('nnlab-runs-changed');

/**
 * Lets screens below follow the run history: the service's `runs-changed` pushes (a run started,
 * ended, was renamed, tagged, deleted or imported, here or in another window), and a reconnect after
 * a dropped link (pushes sent meanwhile were missed). Set once by the app, beside the LabApi.
 */
export function provideRunsChanged(connection: Pick<LabConnection, 'onPush' | 'connection'>): void {
  const source: RunsChangedSource = (listener) => {
    const offPush = connection.onPush((push) => {
      if (push.type === 'runs-changed') listener();
    });
    const offState = connection.connection.onChange((state) => {
      if (state.status === 'open' && state.reconnected) listener();
    });
    return () => {
      offPush();
      offState();
    };
  };
  setContext(KEY, source);
}

/** The run history's change notifications, or null outside an app that provides them. */
export function useRunsChanged(): RunsChangedSource | null {
  return getContext<RunsChangedSource | undefined>(KEY) ?? null;
}
