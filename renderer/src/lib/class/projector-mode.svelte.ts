import { StoredSwitch } from '../state/stored-switch.svelte';

/**
 * Projector mode of the class view (names hidden, text enlarged), remembered for the session: a
 * teacher who turned it on before the class saw the screen keeps it on while moving between
 * screens, and a new session starts with names shown on the teacher's own screen.
 */
export const projectorMode = new StoredSwitch(() => sessionStorage, 'nnlab.classProjector');
