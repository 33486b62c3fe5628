const STORAGE_KEY = 'nnlab.classProjector';

/**
 * Projector mode of the class view (names hidden, text enlarged), remembered for the session: a
 * teacher who turned it on before the class saw the screen keeps it on while moving between
 * screens, and a new session starts with names shown on the teacher's own screen.
 */
class ProjectorMode {
  #on = $state(readSaved());

  get on(): boolean {
    return this.#on;
  }

  set on(value: boolean) {
    this.#on = value;
    try {
      sessionStorage.setItem(STORAGE_KEY, value ? '1' : '0');
    } catch {
      // Storage may be unavailable: the choice then lasts while the page is open.
    }
  }
}

function readSaved(): boolean {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export const projectorMode = new ProjectorMode();
