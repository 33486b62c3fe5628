/**
 * An evenly spaced sample of at most `max` items of a stream, chosen as the items arrive while
 * holding on to at most 2·max + 1 of them: items whose ordinal is a multiple of a stride (1, then
 * doubled whenever more than 2·max are held), and always the newest. Items are named by the
 * caller's positions, increasing; `drop` is told as soon as an item can no longer be chosen, so
 * the caller can let it go (held for the whole interval, a fast run's thousands of events would
 * outlive the young generation and cost the main thread garbage collection).
 */
export class StreamThinning {
  private stride = 1;
  private seen = 0;
  /** Positions of held items on the stride's grid, increasing. */
  private grid: number[] = [];
  private newest = -1;
  private newestOnGrid = false;

  constructor(
    private readonly max: number,
    private readonly drop: (position: number) => void,
  ) {}

  add(position: number): void {
    if (this.newest >= 0 && !this.newestOnGrid) this.drop(this.newest);
    this.newestOnGrid = this.seen % this.stride === 0;
    this.seen++;
    this.newest = position;
    if (this.newestOnGrid) this.grid.push(position);
    if (this.grid.length > 2 * this.max) this.halve();
  }

  /**
   * The chosen positions, increasing: the newest and every k-th held item before it, k the
   * smallest that gives at most `max` (so at least max/2 when more arrived): a steady spacing,
   * which a chart's line shows as steady detail.
   */
  chosen(): number[] {
    const held = this.newest >= 0 && !this.newestOnGrid ? [...this.grid, this.newest] : this.grid;
    if (held.length <= this.max) return held;
    const k = Math.ceil(held.length / this.max);
    const chosen: number[] = [];
    for (let i = held.length - 1; i >= 0; i -= k) chosen.push(held[i]!);
    return chosen.reverse();
  }

  /** Keeps every other grid item (the stride doubles); the newest stays held even off the grid. */
  private halve(): void {
    const kept: number[] = [];
    for (let i = 0; i < this.grid.length; i++) {
      const position = this.grid[i]!;
      if (i % 2 === 0) kept.push(position);
      else if (position === this.newest) this.newestOnGrid = false;
      else this.drop(position);
    }
    this.grid = kept;
    this.stride *= 2;
  }
}
