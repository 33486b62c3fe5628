import { StoredSwitch } from './stored-switch.svelte';

/**
 * Large-text mode for a teacher's projector: the whole page drawn 1.4 times larger (text, lines,
 * buttons), so a 1920 × 1080 projector shows what a 1366 × 768 lab PC shows, readable from the
 * back of the room. Remembered on this machine, as the language is.
 */
export const largeText = new StoredSwitch(() => localStorage, 'nnlab.largeText');
