import { getContext, setContext } from 'svelte';
import type { LiveRuns } from './live-runs.svelte';
import type { Navigation } from './navigation.svelte';
import type { SpecEditor } from './spec-editor.svelte';

/** What every screen may use: the spec being built, the runs of this session, and navigation. */
export interface LabContext {
  editor: SpecEditor;
  runs: LiveRuns;
  navigation: Navigation;
}

const KEY = Symbol('nnlab-lab');

export function provideLab(context: LabContext): void {
  setContext(KEY, context);
}

export function useLab(): LabContext {
  const context = getContext<LabContext | undefined>(KEY);
  if (!context) throw new Error('useLab() called outside the app');
  return context;
}
