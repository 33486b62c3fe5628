import { getContext, setContext } from 'svelte';
import type { LabApi } from '$engine/api/lab-api';

const KEY = Symbol('nnlab-api');

/** Makes the LabApi available to every component below (set once by App). */
export function provideApi(api: LabApi): void {
  setContext(KEY, api);
}

/** The LabApi, in any component under App. */
export function useApi(): LabApi {
  const api = getContext<LabApi | undefined>(KEY);
  if (!api) throw new Error('useApi() called outside the app (no LabApi provided)');
  return api;
}
