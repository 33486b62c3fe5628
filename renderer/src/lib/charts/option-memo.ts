/**
 * A chart option rebuilt only when what it is built from changed. A run's every push re-derives
 * its panels, and a builder called again with the same inputs made a new option all the same: the
 * chart then sent ECharts an update that changed nothing (the decision boundary repainted its
 * picture between snapshots; the per-layer charts between diagnostics), garbage and main-thread
 * time while runs trained (issue 15). Inputs are compared by identity: a snapshot, a points array,
 * a translator, a name.
 */
export class OptionMemo<Args extends readonly unknown[], Option> {
  #args: Args | null = null;
  #option: Option | null = null;

  constructor(private readonly build: (...args: Args) => Option) {}

  /** The last option when every argument is the same (===) as last time's, else a new one. */
  get(...args: Args): Option {
    const last = this.#args;
    if (last !== null && last.length === args.length && args.every((arg, i) => Object.is(arg, last[i]))) return this.#option!;
    this.#args = args;
    return (this.#option = this.build(...args));
  }
}
